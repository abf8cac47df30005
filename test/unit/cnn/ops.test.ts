import {readFileSync} from "node:fs";
import {describe, expect, test} from "vitest";
import {
  PAPER_LRN,
  conv2d3x3,
  cropBorder,
  grayFromRgba,
  lrnAcrossChannels,
  lrnDenominator,
  lrnTurningPoint,
  makeGrid,
  maxPool,
  patch3x3,
  pooledSize,
  relu,
  windowsPerCell,
  type Kernel3
} from "../../../src/components/cnn/ops.ts";
import {KERNEL_PRESETS, presetById} from "../../../src/components/cnn/kernels.ts";

const golden = JSON.parse(readFileSync(new URL("../../fixtures/golden/cnn/cnn_ops.json", import.meta.url), "utf8"));

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!)));
  expect(worst).toBeLessThan(tolerance);
}

describe("conv2d3x3", () => {
  test("hand-checked 3×3 input: cross-correlation with zero padding, kernel not flipped", () => {
    const input = makeGrid(3, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Kernel picks the top-left neighbour only: output(x, y) = input(x − 1, y − 1), 0 outside.
    const shiftKernel: Kernel3 = [1, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(Array.from(conv2d3x3(input, shiftKernel).data)).toEqual([0, 0, 0, 0, 1, 2, 0, 4, 5]);
    // Sum of the 3×3 neighbourhood: centre sees all nine, corner sees four.
    const ones: Kernel3 = [1, 1, 1, 1, 1, 1, 1, 1, 1];
    const sums = conv2d3x3(input, ones).data;
    expect(sums[4]).toBe(45);
    expect(sums[0]).toBe(1 + 2 + 4 + 5);
    expect(sums[8]).toBe(5 + 6 + 8 + 9);
  });

  test("presets: identity keeps the image, blur keeps a flat image flat inside, edge gives 0 on flat areas", () => {
    const flat = makeGrid(5, 5, new Array(25).fill(0.5));
    expect(Array.from(conv2d3x3(flat, presetById("identity").kernel).data)).toEqual(Array.from(flat.data));
    expect(conv2d3x3(flat, presetById("blur").kernel).data[12]).toBeCloseTo(0.5, 6);
    expect(conv2d3x3(flat, presetById("edge").kernel).data[12]).toBeCloseTo(0, 6);
    expect(conv2d3x3(flat, presetById("sharpen").kernel).data[12]).toBeCloseTo(0.5, 6);
    expect(KERNEL_PRESETS.map((p) => p.id)).toEqual(expect.arrayContaining(["edge", "blur", "sharpen"]));
  });

  test("matches torch.nn.functional.conv2d(padding=1)", () => {
    const {width, height, input, kernel, bias, output} = golden.conv;
    expectClose(conv2d3x3(makeGrid(width, height, input), kernel as Kernel3, bias).data, output);
  });

  test("patch3x3 returns the nine values the kernel meets, zero outside", () => {
    const input = makeGrid(3, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(patch3x3(input, 0, 0)).toEqual([0, 0, 0, 0, 1, 2, 0, 4, 5]);
    expect(patch3x3(input, 1, 1)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

test("cropBorder keeps the inside (a zero-padded convolution becomes a valid one)", () => {
  const grid = makeGrid(4, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  expect(cropBorder(grid, 1)).toEqual({width: 2, height: 1, data: Float32Array.from([6, 7])});
  expect(() => cropBorder(grid, 2)).toThrow(/cannot crop/);
});

test("relu zeroes negatives and keeps the rest", () => {
  expect(Array.from(relu(makeGrid(4, 1, [-2, -0.5, 0, 3])).data)).toEqual([0, 0, 0, 3]);
});

describe("max pooling", () => {
  test("output sizes follow PyTorch's floor rule (AlexNet: 55 → 27 → 13 → 6)", () => {
    const alexnet = {size: 3, stride: 2};
    expect(pooledSize(55, alexnet)).toBe(27);
    expect(pooledSize(27, alexnet)).toBe(13);
    expect(pooledSize(13, alexnet)).toBe(6);
    expect(pooledSize(64, {size: 2, stride: 2})).toBe(32);
    expect(pooledSize(64, alexnet)).toBe(31);
    expect(pooledSize(2, alexnet)).toBe(0);
  });

  test("hand-checked 4×4", () => {
    const input = makeGrid(4, 4, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(Array.from(maxPool(input, {size: 2, stride: 2}).data)).toEqual([6, 8, 14, 16]);
    expect(Array.from(maxPool(input, {size: 3, stride: 2}).data)).toEqual([11]);
  });

  test("matches torch max_pool2d for 2×2/2 and 3×3/2", () => {
    const {width, height, input, size2stride2, size3stride2} = golden.pool;
    const grid = makeGrid(width, height, input);
    const two = maxPool(grid, {size: 2, stride: 2});
    expect([two.width, two.height]).toEqual([size2stride2.width, size2stride2.height]);
    expectClose(two.data, size2stride2.output);
    const three = maxPool(grid, {size: 3, stride: 2});
    expect([three.width, three.height]).toEqual([size3stride2.width, size3stride2.height]);
    expectClose(three.data, size3stride2.output);
  });

  test("windowsPerCell: 2×2/2 shares nothing; 3×3/2 shares every other row and column", () => {
    expect(Math.max(...windowsPerCell(8, 8, {size: 2, stride: 2}).data)).toBe(1);
    const counts = windowsPerCell(5, 5, {size: 3, stride: 2});
    // Two windows per axis (starting at 0 and 2); column/row 2 is read by both.
    expect(Array.from(counts.data)).toEqual([
      1, 1, 2, 1, 1,
      1, 1, 2, 1, 1,
      2, 2, 4, 2, 2,
      1, 1, 2, 1, 1,
      1, 1, 2, 1, 1
    ]);
  });
});

describe("local response normalisation (paper formula)", () => {
  test("hand-checked: one channel alone is divided by (k + α a²)^β", () => {
    const out = lrnAcrossChannels({channels: 1, width: 1, height: 1, data: new Float32Array([100])});
    expect(out.data[0]).toBeCloseTo(100 / Math.pow(2 + 1e-4 * 100 * 100, 0.75), 4);
  });

  test("hand-checked: the window is channels i−2…i+2 clipped at the ends", () => {
    const column = [10, 20, 30, 40, 50, 60];
    // Channel 0 sees channels 0..2; channel 3 sees 1..5.
    expect(lrnDenominator(column, 0, PAPER_LRN)).toBeCloseTo(Math.pow(2 + 1e-4 * (100 + 400 + 900), 0.75), 10);
    expect(lrnDenominator(column, 3, PAPER_LRN)).toBeCloseTo(Math.pow(2 + 1e-4 * (400 + 900 + 1600 + 2500 + 3600), 0.75), 10);
  });

  test("a lone channel's output peaks at a = 200 with the paper's constants, then falls", () => {
    expect(lrnTurningPoint(PAPER_LRN)).toBeCloseTo(200, 9);
    const b = (a: number) => lrnAcrossChannels({channels: 1, width: 1, height: 1, data: new Float32Array([a])}).data[0]!;
    expect(b(200)).toBeGreaterThan(b(190));
    expect(b(200)).toBeGreaterThan(b(210));
    expect(lrnTurningPoint({...PAPER_LRN, beta: 0.5})).toBe(Infinity);
  });

  test("equals torch.nn.LocalResponseNorm with alpha = n·α (PyTorch divides α by n)", () => {
    const {channels, width, height, params, input, paperFormula} = golden.lrn;
    const out = lrnAcrossChannels({channels, width, height, data: Float32Array.from(input)}, params);
    expectClose(out.data, paperFormula);
  });

  test("differs from torch.nn.LocalResponseNorm given the paper's α unchanged", () => {
    const {channels, width, height, params, input, torchWithSameAlpha} = golden.lrn;
    const out = lrnAcrossChannels({channels, width, height, data: Float32Array.from(input)}, params);
    let worst = 0;
    for (let i = 0; i < out.data.length; i++) worst = Math.max(worst, Math.abs(out.data[i]! - torchWithSameAlpha[i]));
    expect(worst).toBeGreaterThan(1);
  });
});

test("grayFromRgba uses PIL's L weights", () => {
  const gray = grayFromRgba([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255], 4, 1);
  expectClose(gray.data, [0.299, 0.587, 0.114, 1]);
  expect(() => grayFromRgba([1, 2, 3], 1, 1)).toThrow(/RGBA/);
});
