/**
 * PNG → DecodedImage with PIL's reading of every colour type and bit depth, in the
 * browser and in Node (fast-png is pure JS). A browser canvas would instead apply
 * gamma/colour management and premultiply alpha, so it is not used for PNGs.
 */
import {decode as decodePngFile, encode as encodePngFile} from "fast-png";
import type {DecodedImage} from "./decoded-image.js";

/** 8-bit pixels (1 channel: grey, 3: RGB) as a PNG file: the synthetic images and the test inputs. */
export function encodePng(pixels: Uint8Array, width: number, height: number, channels: 1 | 3 = 3): Uint8Array {
  return encodePngFile({width, height, data: pixels, channels, depth: 8});
}

export function isPng(bytes: Uint8Array): boolean {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return bytes.length >= 8 && signature.every((b, i) => bytes[i] === b);
}

/** Samples of a row packed at 1, 2 or 4 bits, unpacked to one byte each (rows start on byte boundaries). */
function unpackBits(packed: ArrayLike<number>, width: number, height: number, depth: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const rowBytes = Math.ceil((width * depth) / 8);
  const mask = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = x * depth;
      out[y * width + x] = (packed[y * rowBytes + (bit >> 3)] >> (8 - depth - (bit & 7))) & mask;
    }
  }
  return out;
}

export function decodePng(bytes: Uint8Array): DecodedImage {
  if (!isPng(bytes)) throw new Error("Not a PNG file");
  let png: ReturnType<typeof decodePngFile>;
  try {
    png = decodePngFile(bytes);
  } catch (error) {
    throw new Error(`Corrupt or truncated PNG file (${(error as Error).message})`);
  }
  const {width, height, depth, channels, palette} = png;
  const samples = png.data;
  const n = width * height;
  if (palette) {
    const data = depth < 8 ? unpackBits(samples, width, height, depth) : Uint8Array.from(samples);
    const rgb = new Uint8Array(palette.length * 3);
    palette.forEach((entry, i) => rgb.set(entry.slice(0, 3), 3 * i));
    return {width, height, mode: "P", data, palette: rgb};
  }
  if (channels === 1 || channels === 2) {
    const mode = channels === 1 ? "L" : "LA";
    if (depth < 8) {
      // PIL scales 1/2/4-bit grey to 0..255 (mode "1" reads as 0/255).
      const levels = unpackBits(samples, width, height, depth);
      const scale = 255 / ((1 << depth) - 1);
      return {width, height, mode: "L", data: levels.map((v) => v * scale)};
    }
    if (depth === 16 && channels === 1) {
      // PIL opens 16-bit grey as 32-bit mode "I"; its convert("RGB") clips values above 255.
      return {width, height, mode: "L", data: Uint8Array.from(samples, (v) => Math.min(v, 255))};
    }
  }
  if (depth === 16) {
    // PIL keeps the high byte of each 16-bit sample for RGB, RGBA and LA.
    return {width, height, mode: modeFor(channels), data: Uint8Array.from(samples, (v) => v >> 8)};
  }
  if (samples.length !== n * channels) throw new Error("Corrupt PNG file (pixel data has the wrong size)");
  return {width, height, mode: modeFor(channels), data: samples instanceof Uint8Array ? samples : Uint8Array.from(samples)};
}

function modeFor(channels: number): DecodedImage["mode"] {
  switch (channels) {
    case 1:
      return "L";
    case 2:
      return "LA";
    case 3:
      return "RGB";
    case 4:
      return "RGBA";
    default:
      throw new Error(`Unsupported PNG with ${channels} channels`);
  }
}
