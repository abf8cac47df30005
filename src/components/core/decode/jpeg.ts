/**
 * JPEG → DecodedImage, with the same pixels PIL gets (browser and Node alike).
 *
 * PIL decodes with libjpeg-turbo (ISLOW integer IDCT, "fancy" chroma upsampling).
 * @jsquash/jpeg is MozJPEG's decoder, which is libjpeg-turbo's, compiled to WASM: on the
 * 50 goldfish fixtures and on larger 4:2:0 / 4:2:2 / 4:4:4 / progressive / restart-marker /
 * greyscale JPEGs written by PIL its pixels are identical to PIL's. (The pure-JS jpeg-js
 * differs by up to 24 levels on the goldfish: a different IDCT and no fancy upsampling.)
 *
 * That WASM build only outputs RGBA, so CMYK JPEGs go through jpeg-js instead, whose
 * RGB can differ from PIL's by 1 level; the result says so in `approximate`.
 */
import decodeMozjpeg, {init as initMozjpeg} from "@jsquash/jpeg/decode.js";
import jpegJs from "jpeg-js";
import type {DecodedImage} from "./decoded-image.js";

/** Loads the compiled mozjpeg_dec.wasm (from disk in Node, from our own site in the browser). */
export type WasmLoader = () => Promise<WebAssembly.Module>;

let loadWasm: WasmLoader | undefined;
let wasmModule: Promise<WebAssembly.Module> | undefined;
let instance: Promise<void> | undefined;
let lastDecoderMessage = "";

/** Tell the decoder where its WASM comes from; must be called once before decodeJpeg. */
export function useJpegWasm(loader: WasmLoader): void {
  loadWasm = loader;
  wasmModule = undefined;
  instance = undefined;
}

/** A fresh decoder instance (also after a failed decode, so no state leaks into the next one). */
function instantiate(): Promise<void> {
  if (!loadWasm) throw new Error("JPEG decoder not set up: call useJpegWasm() first");
  if (!wasmModule) {
    // A failed load is forgotten, so a later call can retry instead of reusing the failure.
    wasmModule = loadWasm().catch((error: unknown) => {
      wasmModule = undefined;
      throw new Error(`Could not load the JPEG decoder (mozjpeg_dec.wasm): ${(error as Error).message}`);
    });
  }
  const init = initMozjpeg as unknown as (module: WebAssembly.Module, options: object) => Promise<void>;
  // Emscripten prints libjpeg's error text; keep it for our error message instead of the console.
  const options = {printErr: (message: string) => (lastDecoderMessage = message), print: () => {}};
  return wasmModule.then((module) => init(module, options));
}

/** What the JPEG header says, read without decoding. */
export interface JpegInfo {
  width: number;
  height: number;
  components: number;
  progressive: boolean;
}

/** Start-of-frame markers (baseline, extended, progressive, lossless; Huffman or arithmetic). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Walk the marker segments up to the frame header. Throws a one-line Error on a malformed file. */
export function readJpegInfo(bytes: Uint8Array): JpegInfo {
  if (!isJpeg(bytes)) throw new Error("Not a JPEG file");
  let p = 2;
  while (p + 4 <= bytes.length) {
    if (bytes[p] !== 0xff) throw new Error("Corrupt JPEG file (bad marker)");
    const marker = bytes[p + 1];
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    const length = (bytes[p + 2] << 8) | bytes[p + 3];
    if (SOF.has(marker)) {
      if (p + 10 > bytes.length) break;
      return {
        height: (bytes[p + 5] << 8) | bytes[p + 6],
        width: (bytes[p + 7] << 8) | bytes[p + 8],
        components: bytes[p + 9],
        progressive: marker === 0xc2 || marker === 0xc6 || marker === 0xca || marker === 0xce
      };
    }
    if (marker === 0xda || marker === 0xd9) break;
    p += 2 + length;
  }
  throw new Error("Corrupt or truncated JPEG file (no frame header)");
}

/** True if an end-of-image marker exists: inside entropy-coded data 0xFF is always stuffed, so FF D9 is the real end. */
function hasEndMarker(bytes: Uint8Array): boolean {
  for (let i = bytes.length - 2; i >= 2; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}

export async function decodeJpeg(bytes: Uint8Array): Promise<DecodedImage> {
  const info = readJpegInfo(bytes);
  if (info.width === 0 || info.height === 0) throw new Error("Corrupt JPEG file (zero width or height)");
  // PIL refuses truncated files ("image file is truncated"); libjpeg alone would pad them with grey.
  if (!hasEndMarker(bytes)) throw new Error("Truncated JPEG file (no end-of-image marker)");
  if (info.components === 4) return decodeCmykJpeg(bytes);
  if (info.components !== 1 && info.components !== 3) throw new Error(`Unsupported JPEG with ${info.components} colour components`);

  instance ??= instantiate();
  let rgba: Uint8ClampedArray;
  try {
    await instance;
    lastDecoderMessage = "";
    // The decoder takes an ArrayBuffer holding exactly the file; a Node Buffer's .slice() is a view into a shared pool.
    const copy = new Uint8Array(bytes).buffer;
    const image = await decodeMozjpeg(copy);
    if (image.width !== info.width || image.height !== info.height) throw new Error("decoder returned a different size");
    rgba = image.data;
  } catch (error) {
    instance = undefined;
    const detail = lastDecoderMessage || (error as Error).message || String(error);
    throw new Error(`Corrupt JPEG file (${detail.trim()})`);
  }
  const n = info.width * info.height;
  if (info.components === 1) {
    const data = new Uint8Array(n);
    for (let i = 0; i < n; i++) data[i] = rgba[4 * i];
    return {width: info.width, height: info.height, mode: "L", data};
  }
  const data = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    data[3 * i] = rgba[4 * i];
    data[3 * i + 1] = rgba[4 * i + 1];
    data[3 * i + 2] = rgba[4 * i + 2];
  }
  return {width: info.width, height: info.height, mode: "RGB", data};
}

function decodeCmykJpeg(bytes: Uint8Array): DecodedImage {
  let decoded: {width: number; height: number; data: Uint8Array};
  try {
    decoded = jpegJs.decode(bytes, {useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 1024});
  } catch (error) {
    throw new Error(`Corrupt CMYK JPEG file (${(error as Error).message})`);
  }
  return {
    width: decoded.width,
    height: decoded.height,
    mode: "RGB",
    data: decoded.data,
    approximate: "CMYK JPEG decoded by jpeg-js: colours may differ from PIL's by 1 level"
  };
}
