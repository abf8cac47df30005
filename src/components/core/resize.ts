// PIL's Image.resize for RGB images, reproduced exactly (Pillow 9.4's libImaging/Resample.c and Geometry.c),
// and torchvision's Resize(int) on top of it. Hand-written because no JavaScript library reproduces PIL's
// resampler (its antialiasing support scaling, 22-bit fixed-point coefficients and rounding), and one
// differing pixel would break the "identical to torchvision" guarantee.

/** An 8-bit RGB image, interleaved, row-major (what PIL calls mode "RGB"). */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** PIL resampling filters we reproduce exactly. */
export type ResizeFilter = "bilinear" | "nearest" | "bicubic";

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
