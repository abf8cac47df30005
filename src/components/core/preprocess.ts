/**
 * torchvision's ImageNet evaluation transform, reproduced bit for bit for PIL input
 * (torchvision 0.14, Pillow 9.4):
 *
 *   img.convert("RGB") → Resize(256) → CenterCrop(224) → ToTensor() → Normalize(mean, std)
 *
 * Pure and browser-safe (no DOM, no Node APIs): the browser pages, the `classify` CLI
 * and the tests all call these functions, so every consumer sees the same numbers.
 *
 * The resize is hand-written because no JavaScript library reproduces PIL's resampler
 * (its antialiasing support scaling, 22-bit fixed-point coefficients and rounding),
 * and one differing pixel would break the "identical to torchvision" guarantee.
 */
import {CHANNELS, checkDecodedImage, type DecodedImage} from "./decode/decoded-image.js";

export type {DecodedImage, ImageMode} from "./decode/decoded-image.js";

/** An 8-bit RGB image, interleaved, row-major (what PIL calls mode "RGB"). */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** PIL resampling filters we reproduce exactly. */
export type ResizeFilter = "bilinear" | "nearest" | "bicubic";

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
// 2. Resize, PIL-exact (Pillow's libImaging/Resample.c and Geometry.c).

/** Fractional bits of PIL's 8-bit resampling coefficients: 32 - 8 - 2. */
const PRECISION_BITS = 22;

interface Filter {
  support: number;
  weight: (x: number) => number;
}

const FILTERS: Record<"bilinear" | "bicubic", Filter> = {
  bilinear: {
    support: 1,
    weight: (x) => {
      x = Math.abs(x);
      return x < 1 ? 1 - x : 0;
    }
  },
  bicubic: {
    support: 2,
    weight: (x) => {
      const a = -0.5; // PIL's bicubic uses a = -0.5
      x = Math.abs(x);
      if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
      if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
      return 0;
    }
  }
};

interface Coefficients {
  /** Taps per output pixel (the row stride of `weights`). */
  taps: number;
  /** Per output pixel: first input pixel, number of input pixels used. */
  first: Int32Array;
  count: Int32Array;
  /** Fixed-point weights, `taps` per output pixel. */
  weights: Int32Array;
}

/**
 * PIL's precompute_coeffs + normalize_coeffs_8bpc: when shrinking, the filter is
 * stretched by the scale factor (that is PIL's antialiasing), each output pixel's
 * weights are normalized to sum 1, then rounded half away from zero to 22-bit integers.
 */
function coefficients(inSize: number, outSize: number, filter: Filter): Coefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filter.support * filterScale;
  const taps = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Int32Array(outSize * taps);
  const w = new Float64Array(taps);
  const inverse = 1 / filterScale;
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    // C's (int) cast truncates toward zero; the clamps follow it, as in PIL.
    const xmin = Math.max(0, Math.trunc(center - support + 0.5));
    const xmax = Math.min(inSize, Math.trunc(center + support + 0.5)) - xmin;
    let sum = 0;
    for (let x = 0; x < xmax; x++) {
      w[x] = filter.weight((x + xmin - center + 0.5) * inverse);
      sum += w[x];
    }
    for (let x = 0; x < xmax; x++) {
      const k = sum !== 0 ? w[x] / sum : w[x];
      weights[xx * taps + x] = Math.trunc(k < 0 ? -0.5 + k * (1 << PRECISION_BITS) : 0.5 + k * (1 << PRECISION_BITS));
    }
    first[xx] = xmin;
    count[xx] = xmax;
  }
  return {taps, first, count, weights};
}

/** PIL's clip8: drop the fraction bits (arithmetic shift) and clamp to 0..255. */
function clip8(sum: number): number {
  const v = sum >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

const HALF = 1 << (PRECISION_BITS - 1);

/** Horizontal pass over input rows [rowStart, rowStart + rows). */
function resampleRows(src: RgbImage, outWidth: number, rowStart: number, rows: number, c: Coefficients): RgbImage {
  const out = new Uint8Array(outWidth * rows * 3);
  const {taps, first, count, weights} = c;
  const data = src.data;
  const inRow = src.width * 3;
  for (let y = 0; y < rows; y++) {
    const rowOffset = (y + rowStart) * inRow;
    for (let xx = 0; xx < outWidth; xx++) {
      let s0 = HALF, s1 = HALF, s2 = HALF;
      const k = xx * taps;
      let p = rowOffset + first[xx] * 3;
      for (let x = 0, n = count[xx]; x < n; x++, p += 3) {
        const w = weights[k + x];
        s0 += data[p] * w;
        s1 += data[p + 1] * w;
        s2 += data[p + 2] * w;
      }
      const o = (y * outWidth + xx) * 3;
      out[o] = clip8(s0);
      out[o + 1] = clip8(s1);
      out[o + 2] = clip8(s2);
    }
  }
  return {width: outWidth, height: rows, data: out};
}

/**
 * Vertical pass; `rowShift` maps the coefficients' input rows onto `src`'s rows.
 * Whole rows are accumulated tap by tap (same sums as PIL's column loop, in a cache-friendly order).
 */
function resampleColumns(src: RgbImage, outHeight: number, rowShift: number, c: Coefficients): RgbImage {
  const width = src.width;
  const stride = width * 3;
  const out = new Uint8Array(stride * outHeight);
  const {taps, first, count, weights} = c;
  const data = src.data;
  // Float64 holds these integer sums exactly (|sum| < 2^31), so the order of additions cannot matter.
  const sums = new Float64Array(stride);
  for (let yy = 0; yy < outHeight; yy++) {
    sums.fill(HALF);
    const k = yy * taps;
    const y0 = first[yy] - rowShift;
    for (let y = 0, n = count[yy]; y < n; y++) {
      const w = weights[k + y];
      const row = (y0 + y) * stride;
      for (let i = 0; i < stride; i++) sums[i] += data[row + i] * w;
    }
    const o = yy * stride;
    for (let i = 0; i < stride; i++) out[o + i] = clip8(sums[i]);
  }
  return {width, height: outHeight, data: out};
}

/**
 * PIL's two-pass convolution resize (ImagingResampleInner): horizontal pass first,
 * only over the input rows the vertical pass will read, then the vertical pass.
 */
function convolutionResize(src: RgbImage, width: number, height: number, filter: Filter): RgbImage {
  const horizontal = coefficients(src.width, width, filter);
  const vertical = coefficients(src.height, height, filter);
  let img = src;
  let rowShift = 0;
  if (width !== src.width) {
    const firstRow = vertical.first[0];
    const lastRow = vertical.first[height - 1] + vertical.count[height - 1];
    img = resampleRows(src, width, firstRow, lastRow - firstRow, horizontal);
    rowShift = firstRow;
  }
  if (height !== src.height) img = resampleColumns(img, height, rowShift, vertical);
  return img === src ? copyImage(src) : img;
}

/**
 * PIL's NEAREST resize (ImagingScaleAffine): source coordinates are accumulated by
 * repeated addition, not multiplied, which decides a few pixels on non-integer scales.
 */
function nearestResize(src: RgbImage, width: number, height: number): RgbImage {
  const xStep = src.width / width;
  const yStep = src.height / height;
  const xs = new Int32Array(width);
  for (let x = 0, xo = xStep * 0.5; x < width; x++, xo += xStep) xs[x] = Math.min(Math.trunc(xo), src.width - 1);
  const out = new Uint8Array(width * height * 3);
  for (let y = 0, yo = yStep * 0.5; y < height; y++, yo += yStep) {
    const row = Math.min(Math.trunc(yo), src.height - 1) * src.width;
    for (let x = 0; x < width; x++) {
      const s = (row + xs[x]) * 3;
      const o = (y * width + x) * 3;
      out[o] = src.data[s];
      out[o + 1] = src.data[s + 1];
      out[o + 2] = src.data[s + 2];
    }
  }
  return {width, height, data: out};
}

function copyImage(img: RgbImage): RgbImage {
  return {width: img.width, height: img.height, data: img.data.slice()};
}

/** PIL's `Image.resize((width, height), filter)` for an RGB image. */
export function resize(img: RgbImage, width: number, height: number, filter: ResizeFilter = "bilinear"): RgbImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`Invalid resize target ${width}×${height}`);
  }
  if (width === img.width && height === img.height) return copyImage(img);
  if (filter === "nearest") return nearestResize(img, width, height);
  return convolutionResize(img, width, height, FILTERS[filter]);
}

/** torchvision 0.14's output size for Resize(int): shorter side → `size`, longer side int(size·long/short). */
export function shorterSideSize(width: number, height: number, size: number): {width: number; height: number} {
  if (width <= height) return {width: size, height: Math.trunc((size * height) / width)};
  return {width: Math.trunc((size * width) / height), height: size};
}

/** torchvision's Resize(size) on a PIL image (returns a copy when nothing changes). */
export function resizeShorterSide(img: RgbImage, size: number, filter: ResizeFilter = "bilinear"): RgbImage {
  const target = shorterSideSize(img.width, img.height, size);
  return resize(img, target.width, target.height, filter);
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
