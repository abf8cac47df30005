/**
 * torchvision's ImageNet evaluation transform, reproduced bit for bit for PIL input
 * (torchvision 0.14, Pillow 9.4):
 *
 *   img.convert("RGB") → Resize(256) → CenterCrop(224) → ToTensor() → Normalize(mean, std)
 *
 * Pure and browser-safe (no DOM, no Node APIs): the browser pages, the `classify` CLI
 * and the tests all call these functions, so every consumer sees the same numbers.
 *
 * The resize is PIL's own, reproduced in resize.ts.
 */
import {CHANNELS, checkDecodedImage, type DecodedImage} from "./decode/decoded-image.js";
import {resize, resizeShorterSide, type ResizeFilter, type RgbImage} from "./resize.js";

export type {DecodedImage, ImageMode} from "./decode/decoded-image.js";

export {resize, resizeShorterSide, shorterSideSize, type ResizeFilter, type RgbImage} from "./resize.js";

export const RESIZE_SIZE = 256;
export const CROP_SIZE = 224;
export const IMAGENET_MEAN: readonly [number, number, number] = [0.485, 0.456, 0.406];
export const IMAGENET_STD: readonly [number, number, number] = [0.229, 0.224, 0.225];

// ---------------------------------------------------------------------------
// 1. Convert to RGB, as PIL's Image.convert("RGB") does for each mode.

/** PIL's MULDIV255: a·b/255 rounded, in integers (Convert.c). */
function mulDiv255(a: number, b: number): number {
  const t = a * b + 128;
  return ((t >> 8) + t) >> 8;
}

export function toRgb(image: DecodedImage): RgbImage {
  checkDecodedImage(image);
  const {width, height, mode, data} = image;
  const n = width * height;
  const out = new Uint8Array(n * 3);
  const step = CHANNELS[mode];
  switch (mode) {
    case "RGB":
      out.set(data);
      break;
    case "RGBA": // PIL drops alpha without compositing onto any background.
      for (let i = 0; i < n; i++) {
        out[3 * i] = data[4 * i];
        out[3 * i + 1] = data[4 * i + 1];
        out[3 * i + 2] = data[4 * i + 2];
      }
      break;
    case "L":
    case "LA":
      for (let i = 0; i < n; i++) {
        const v = data[step * i];
        out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = v;
      }
      break;
    case "P": {
      const palette = image.palette!;
      const entries = palette.length / 3;
      for (let i = 0; i < n; i++) {
        const p = data[i];
        if (p < entries) {
          out[3 * i] = palette[3 * p];
          out[3 * i + 1] = palette[3 * p + 1];
          out[3 * i + 2] = palette[3 * p + 2];
        } else {
          // PIL's palette starts as a grey ramp, so an index past the file's palette reads as grey p.
          out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = p;
        }
      }
      break;
    }
    case "CMYK": // PIL's naive CMYK→RGB (no colour management): (255-K)·(1-C/255), etc.
      for (let i = 0; i < n; i++) {
        const nk = 255 - data[4 * i + 3];
        for (let c = 0; c < 3; c++) out[3 * i + c] = Math.max(0, nk - mulDiv255(data[4 * i + c], nk));
      }
      break;
  }
  return {width, height, data: out};
}


// ---------------------------------------------------------------------------
// 3. CenterCrop, with torchvision's rounding and zero padding.

/** Python 3's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * torchvision's center_crop: an image smaller than the crop is first padded with
 * zeros (left/top get the smaller half), then the offset is round((size - crop) / 2).
 */
export function centerCrop(img: RgbImage, width: number = CROP_SIZE, height: number = width): RgbImage {
  const padLeft = width > img.width ? Math.floor((width - img.width) / 2) : 0;
  const padTop = height > img.height ? Math.floor((height - img.height) / 2) : 0;
  const paddedWidth = width > img.width ? img.width + padLeft + Math.floor((width - img.width + 1) / 2) : img.width;
  const paddedHeight = height > img.height ? img.height + padTop + Math.floor((height - img.height + 1) / 2) : img.height;
  const left = roundHalfEven((paddedWidth - width) / 2) - padLeft;
  const top = roundHalfEven((paddedHeight - height) / 2) - padTop;
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const sy = y + top;
    if (sy < 0 || sy >= img.height) continue;
    const x0 = Math.max(0, -left);
    const x1 = Math.min(width, img.width - left);
    if (x1 <= x0) continue;
    const s = (sy * img.width + left + x0) * 3;
    out.set(img.data.subarray(s, s + (x1 - x0) * 3), (y * width + x0) * 3);
  }
  return {width, height, data: out};
}

// ---------------------------------------------------------------------------
// 4. ToTensor and Normalize, in float32 like PyTorch.

/** ToTensor: HWC uint8 → CHW float32 in [0, 1]; x/255 rounded once to float32, as PyTorch's division. */
export function toTensor(img: RgbImage): Float32Array {
  const plane = img.width * img.height;
  const out = new Float32Array(plane * 3);
  for (let i = 0; i < plane; i++) {
    out[i] = img.data[3 * i] / 255;
    out[plane + i] = img.data[3 * i + 1] / 255;
    out[2 * plane + i] = img.data[3 * i + 2] / 255;
  }
  return out;
}

/**
 * Normalize: (x - mean) / std per channel of a CHW tensor, each step rounded to float32
 * as PyTorch does with float32 mean/std tensors. (A double-precision intermediate
 * rounded once to float32 gives the correctly rounded float32 result for - and /.)
 */
export function normalize(
  chw: Float32Array,
  mean: readonly number[] = IMAGENET_MEAN,
  std: readonly number[] = IMAGENET_STD
): Float32Array {
  const channels = mean.length;
  if (std.length !== channels || chw.length % channels !== 0) throw new Error("normalize: mean/std do not match the tensor's channels");
  if (std.some((s) => s === 0)) throw new Error("normalize: std contains zero");
  const plane = chw.length / channels;
  const out = new Float32Array(chw.length);
  for (let c = 0; c < channels; c++) {
    const m = Math.fround(mean[c]);
    const s = Math.fround(std[c]);
    for (let i = c * plane, end = i + plane; i < end; i++) out[i] = Math.fround(chw[i] - m) / s;
  }
  return out;
}

/** Reverse the channel planes of a CHW tensor (RGB ↔ BGR). */
export function swapRedBlue(chw: Float32Array): Float32Array {
  const plane = chw.length / 3;
  const out = new Float32Array(chw.length);
  out.set(chw.subarray(2 * plane, 3 * plane), 0);
  out.set(chw.subarray(plane, 2 * plane), plane);
  out.set(chw.subarray(0, plane), 2 * plane);
  return out;
}

// ---------------------------------------------------------------------------
// 5. The whole pipeline, with the ablation variants as options.

export interface PreprocessOptions {
  /** Resize filter; torchvision's default and AlexNet's training choice is "bilinear". */
  filter?: ResizeFilter;
  /** "center" = Resize(256) then CenterCrop(224) (the evaluation transform); "squash" = Resize((224, 224)), ignoring aspect ratio. */
  crop?: "center" | "squash";
  /** false skips Normalize: the tensor is ToTensor's [0, 1] values. */
  normalize?: boolean;
  /** "BGR" feeds the channels in reverse order (after normalizing in RGB), a classic pipeline bug. */
  channelOrder?: "RGB" | "BGR";
}

export interface PreprocessResult {
  /** The options in effect, with defaults filled in. */
  options: Required<PreprocessOptions>;
  /** After convert("RGB"). */
  rgb: RgbImage;
  /** After Resize(256) (or the 224×224 squash). */
  resized: RgbImage;
  /** After CenterCrop(224): the 224×224 image the model sees (same as `resized` for "squash"). */
  cropped: RgbImage;
  /** The model input: CHW float32, dims [3, 224, 224]. */
  tensor: Float32Array;
  dims: [3, number, number];
}

export const DEFAULT_OPTIONS: Readonly<Required<PreprocessOptions>> = {
  filter: "bilinear",
  crop: "center",
  normalize: true,
  channelOrder: "RGB"
};

const FILTER_WORDS: Record<ResizeFilter, string> = {bilinear: "bilinear", nearest: "nearest-neighbour", bicubic: "bicubic"};

/** Human words for a set of options, e.g. "no normalization, nearest-neighbour resize": one vocabulary for every page. */
export function describePreprocessing(options: PreprocessOptions): string {
  const parts: string[] = [];
  if (options.normalize === false) parts.push("no normalization");
  if (options.filter && options.filter !== "bilinear") parts.push(`${FILTER_WORDS[options.filter]} resize`);
  if (options.crop === "squash") parts.push("squash to 224×224, no centre crop");
  if (options.channelOrder === "BGR") parts.push("BGR channel order");
  return parts.length ? parts.join(", ") : "torchvision's evaluation transform";
}

/** The preprocessing mistakes the goldfish experiment measures, each one change from the evaluation transform. */
export const ABLATIONS: readonly {id: string; options: PreprocessOptions}[] = [
  {id: "none", options: {}},
  {id: "no-normalize", options: {normalize: false}},
  {id: "nearest", options: {filter: "nearest"}},
  {id: "bicubic", options: {filter: "bicubic"}},
  {id: "squash", options: {crop: "squash"}},
  {id: "bgr", options: {channelOrder: "BGR"}}
];

/** torchvision's evaluation transform on a decoded image, keeping every intermediate step. */
export function preprocess(image: DecodedImage, options: PreprocessOptions = {}): PreprocessResult {
  const opts: Required<PreprocessOptions> = {...DEFAULT_OPTIONS, ...options};
  const rgb = toRgb(image);
  const resized =
    opts.crop === "squash" ? resize(rgb, CROP_SIZE, CROP_SIZE, opts.filter) : resizeShorterSide(rgb, RESIZE_SIZE, opts.filter);
  const cropped = opts.crop === "squash" ? resized : centerCrop(resized, CROP_SIZE, CROP_SIZE);
  let tensor = toTensor(cropped);
  if (opts.normalize) tensor = normalize(tensor);
  if (opts.channelOrder === "BGR") tensor = swapRedBlue(tensor);
  return {options: opts, rgb, resized, cropped, tensor, dims: [3, CROP_SIZE, CROP_SIZE]};
}

/** Stack CHW tensors of equal shape into one batch: data in argument order, dims [N, 3, H, W]. */
export function packBatch(tensors: readonly Float32Array[], height = CROP_SIZE, width = CROP_SIZE): {data: Float32Array; dims: [number, 3, number, number]} {
  const size = 3 * height * width;
  const data = new Float32Array(tensors.length * size);
  tensors.forEach((t, i) => {
    if (t.length !== size) throw new Error(`packBatch: tensor ${i} has ${t.length} values, expected ${size} (3×${height}×${width})`);
    data.set(t, i * size);
  });
  return {data, dims: [tensors.length, 3, height, width]};
}
