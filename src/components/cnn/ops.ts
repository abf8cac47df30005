// The small building blocks of a 2012-style CNN, written out by hand so the /cnn page can show every number.
// Pure functions on plain typed arrays: the browser demos and the unit tests share them, and the tests compare
// them with PyTorch (test/fixtures/golden/cnn/). A tensor library would hide exactly the arithmetic the page explains.

/** One channel of numbers, row-major: value at (x, y) is data[y * width + x]. */
export interface Grid {
  width: number;
  height: number;
  data: Float32Array;
}

/** A stack of equally sized channels, channel-major (PyTorch's C×H×W for one image). */
export interface Stack {
  channels: number;
  width: number;
  height: number;
  data: Float32Array;
}

/** A 3×3 kernel, row-major (top row first). */
export type Kernel3 = readonly [number, number, number, number, number, number, number, number, number];

export function makeGrid(width: number, height: number, values?: ArrayLike<number>): Grid {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`grid size must be positive integers, got ${width}×${height}`);
  }
  const data = new Float32Array(width * height);
  if (values) {
    if (values.length !== data.length) throw new RangeError(`expected ${data.length} values for ${width}×${height}, got ${values.length}`);
    data.set(values);
  }
  return {width, height, data};
}

export function valueAt(grid: Grid, x: number, y: number): number {
  return grid.data[y * grid.width + x]!;
}

/**
 * 2-D convolution with a 3×3 kernel, stride 1, zero padding 1 (output has the input's size).
 * Like PyTorch's conv2d this is a cross-correlation: the kernel is not flipped, so kernel[0] meets the top-left neighbour.
 */
export function conv2d3x3(input: Grid, kernel: Kernel3, bias = 0): Grid {
  if (kernel.length !== 9) throw new RangeError(`a 3×3 kernel needs 9 numbers, got ${kernel.length}`);
  const {width, height, data} = input;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = bias;
      for (let ky = 0; ky < 3; ky++) {
        const sy = y + ky - 1;
        if (sy < 0 || sy >= height) continue;
        for (let kx = 0; kx < 3; kx++) {
          const sx = x + kx - 1;
          if (sx < 0 || sx >= width) continue;
          sum += kernel[ky * 3 + kx]! * data[sy * width + sx]!;
        }
      }
      out[y * width + x] = sum;
    }
  }
  return {width, height, data: out};
}

/** The nine input values (zero outside the image) that the 3×3 kernel meets at output (x, y). */
export function patch3x3(input: Grid, x: number, y: number): number[] {
  const values: number[] = [];
  for (let ky = -1; ky <= 1; ky++) {
    for (let kx = -1; kx <= 1; kx++) {
      const sx = x + kx;
      const sy = y + ky;
      values.push(sx < 0 || sy < 0 || sx >= input.width || sy >= input.height ? 0 : valueAt(input, sx, sy));
    }
  }
  return values;
}

/** Drops `margin` cells on every side: turns a zero-padded ("same") convolution into a "valid" one. */
export function cropBorder(input: Grid, margin: number): Grid {
  const width = input.width - 2 * margin;
  const height = input.height - 2 * margin;
  if (margin < 0 || width < 1 || height < 1) throw new RangeError(`cannot crop ${margin} from a ${input.width}×${input.height} grid`);
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) data.set(input.data.subarray((y + margin) * input.width + margin, (y + margin) * input.width + margin + width), y * width);
  return {width, height, data};
}

export function relu(input: Grid): Grid {
  return {width: input.width, height: input.height, data: input.data.map((v) => (v > 0 ? v : 0))};
}

export interface PoolShape {
  /** Window side (AlexNet: 3; classic non-overlapping pooling: 2). */
  size: number;
  /** Step between windows (AlexNet: 2). Overlap happens when stride < size. */
  stride: number;
}

/** Output side of a pooling layer without padding, rounding down like PyTorch's default (ceil_mode=False). */
export function pooledSize(inputSize: number, {size, stride}: PoolShape): number {
  if (size < 1 || stride < 1) throw new RangeError(`pool size and stride must be ≥ 1, got ${size}/${stride}`);
  return inputSize < size ? 0 : Math.floor((inputSize - size) / stride) + 1;
}

/** Max pooling without padding (PyTorch MaxPool2d(size, stride) defaults). */
export function maxPool(input: Grid, shape: PoolShape): Grid {
  const outW = pooledSize(input.width, shape);
  const outH = pooledSize(input.height, shape);
  const out = new Float32Array(outW * outH);
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      let best = -Infinity;
      for (let dy = 0; dy < shape.size; dy++) {
        for (let dx = 0; dx < shape.size; dx++) {
          const v = valueAt(input, ox * shape.stride + dx, oy * shape.stride + dy);
          if (v > best) best = v;
        }
      }
      out[oy * outW + ox] = best;
    }
  }
  return {width: outW, height: outH, data: out};
}

/** The input cells [x, y] that pooling output (ox, oy) reads. */
export function poolWindow(ox: number, oy: number, {size, stride}: PoolShape): Array<[number, number]> {
  const cells: Array<[number, number]> = [];
  for (let dy = 0; dy < size; dy++) for (let dx = 0; dx < size; dx++) cells.push([ox * stride + dx, oy * stride + dy]);
  return cells;
}

/**
 * For every input cell, how many pooling windows read it (0 = ignored, 1 = private, ≥ 2 = shared).
 * Overlapping pooling (size 3, stride 2) shares every other row and column; 2×2/2 shares nothing.
 */
export function windowsPerCell(width: number, height: number, shape: PoolShape): Grid {
  const counts = makeGrid(width, height);
  const outW = pooledSize(width, shape);
  const outH = pooledSize(height, shape);
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      for (const [x, y] of poolWindow(ox, oy, shape)) counts.data[y * width + x]! += 1;
    }
  }
  return counts;
}

/** Local response normalisation parameters, named as in the AlexNet paper (section 3.3). */
export interface LrnParams {
  k: number;
  n: number;
  alpha: number;
  beta: number;
}

/** The values the paper used: k = 2, n = 5, α = 10⁻⁴, β = 0.75. */
export const PAPER_LRN: LrnParams = {k: 2, n: 5, alpha: 1e-4, beta: 0.75};

/**
 * Local response normalisation across channels, exactly the paper's formula:
 *   b[i] = a[i] / (k + α · Σ_{j = max(0, i − ⌊n/2⌋)}^{min(N − 1, i + ⌊n/2⌋)} a[j]²)^β
 * PyTorch's nn.LocalResponseNorm(size=n, alpha, beta, k) divides α by n inside the sum,
 * so the paper's layer equals PyTorch's with alpha = n · α (the tests check both sides of that).
 */
export function lrnAcrossChannels(input: Stack, params: LrnParams = PAPER_LRN): Stack {
  const {channels, width, height, data} = input;
  const plane = width * height;
  const out = new Float32Array(data.length);
  const column = new Float64Array(channels);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < channels; c++) column[c] = data[c * plane + p]!;
    for (let i = 0; i < channels; i++) out[i * plane + p] = column[i]! / lrnDenominator(column, i, params);
  }
  return {channels, width, height, data: out};
}

/** Σ a[j]² over channel i and its ⌊n/2⌋ neighbours on each side that exist, at one pixel. */
export function lrnNeighbourSum(column: ArrayLike<number>, i: number, n: number): number {
  const half = Math.floor(n / 2);
  let sum = 0;
  for (let j = Math.max(0, i - half); j <= Math.min(column.length - 1, i + half); j++) sum += column[j]! * column[j]!;
  return sum;
}

/** The paper's divisor (k + α Σ a[j]²)^β for channel i of one pixel's activations. */
export function lrnDenominator(column: ArrayLike<number>, i: number, {k, n, alpha, beta}: LrnParams): number {
  return Math.pow(k + alpha * lrnNeighbourSum(column, i, n), beta);
}

/**
 * For a channel with quiet neighbours, b = a / (k + α a²)^β grows with a only up to a = √(k / (α (2β − 1))),
 * then shrinks: with the paper's values that turning point is a = 200. Infinity when β ≤ ½ (no turning point).
 */
export function lrnTurningPoint({k, alpha, beta}: LrnParams): number {
  return beta <= 0.5 || alpha <= 0 ? Infinity : Math.sqrt(k / (alpha * (2 * beta - 1)));
}

/** One pixel's activations across all channels. */
export function columnAt(stack: Stack, pixel: number): Float64Array {
  const plane = stack.width * stack.height;
  const column = new Float64Array(stack.channels);
  for (let c = 0; c < stack.channels; c++) column[c] = stack.data[c * plane + pixel]!;
  return column;
}

export function channelOf(stack: Stack, c: number): Grid {
  const plane = stack.width * stack.height;
  return {width: stack.width, height: stack.height, data: stack.data.slice(c * plane, (c + 1) * plane)};
}

export function stackGrids(grids: readonly Grid[]): Stack {
  if (grids.length === 0) throw new RangeError("need at least one channel");
  const {width, height} = grids[0]!;
  const data = new Float32Array(grids.length * width * height);
  grids.forEach((g, c) => {
    if (g.width !== width || g.height !== height) throw new RangeError("all channels must have the same size");
    data.set(g.data, c * width * height);
  });
  return {channels: grids.length, width, height, data};
}

/** Luma from RGBA bytes with PIL's convert("L") weights (299/587/114 per mille), scaled to 0–1. */
export function grayFromRgba(rgba: ArrayLike<number>, width: number, height: number): Grid {
  if (rgba.length !== width * height * 4) throw new RangeError(`expected ${width * height * 4} RGBA bytes, got ${rgba.length}`);
  const data = new Float32Array(width * height);
  for (let i = 0; i < data.length; i++) {
    data[i] = (rgba[i * 4]! * 299 + rgba[i * 4 + 1]! * 587 + rgba[i * 4 + 2]! * 114) / 1000 / 255;
  }
  return {width, height, data};
}

export function extent(grid: Grid): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of grid.data) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
