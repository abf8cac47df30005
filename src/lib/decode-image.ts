/**
 * Decode an image file to PIL-identical pixels in Node (the `classify` CLI and tests).
 * The decoders themselves are the browser's too (src/components/decode-*.ts); only the
 * way the JPEG decoder's WASM is loaded (from node_modules on disk) is Node-specific.
 */
import {readFile} from "node:fs/promises";
import {createRequire} from "node:module";
import {decodeExactly} from "../components/core/decode/exact.js";
import {useJpegWasm} from "../components/core/decode/jpeg.js";
import {checkDecodedImage, type DecodedImage} from "../components/core/decode/decoded-image.js";

export type {DecodedImage} from "../components/core/decode/decoded-image.js";

const require = createRequire(import.meta.url);
let wasmReady = false;

function ensureJpegWasm(): void {
  if (wasmReady) return;
  useJpegWasm(async () => WebAssembly.compile(new Uint8Array(await readFile(require.resolve("@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm")))));
  wasmReady = true;
}

/** Decode JPEG or PNG bytes. Throws a one-line Error for unsupported or corrupt data. */
export async function decodeImage(bytes: Uint8Array): Promise<DecodedImage> {
  if (bytes.length === 0) throw new Error("Empty file");
  ensureJpegWasm();
  const image = await decodeExactly(bytes);
  if (!image) throw new Error("Unsupported image format (expected JPEG or PNG)");
  checkDecodedImage(image);
  return image;
}

/** Read and decode a file; errors name the file: "<path>: <problem>". */
export async function decodeImageFile(path: string): Promise<DecodedImage> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (error as Error).message}`);
  }
  try {
    return await decodeImage(bytes);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}
