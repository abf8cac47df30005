/**
 * Decode an uploaded or fetched image (Blob/File) in the browser to the same DecodedImage
 * the Node CLI gets: JPEG and PNG through the shared decoders (PIL-identical pixels),
 * anything else the browser can read (GIF, WebP, BMP, AVIF…) through createImageBitmap,
 * which is not PIL-exact and is labelled `approximate`.
 */
import {decodeExactly} from "../core/decode/exact.js";
import {useJpegWasm} from "../core/decode/jpeg.js";
import {checkDecodedImage, type DecodedImage} from "../core/decode/decoded-image.js";

export type {DecodedImage} from "../core/decode/decoded-image.js";

// A static import.meta.resolve makes Framework copy the WASM into the built site (_node/…),
// so the decoder is served by our own origin, never a CDN.
const JPEG_WASM_URL = import.meta.resolve("@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm");

let wasmConfigured = false;
function ensureJpegWasm(): void {
  if (wasmConfigured) return;
  useJpegWasm(async () => {
    const response = await fetch(JPEG_WASM_URL);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${JPEG_WASM_URL}`);
    return WebAssembly.compile(await response.arrayBuffer());
  });
  wasmConfigured = true;
}

/** Decode a Blob or File. Throws a one-line Error naming the problem for odd or corrupt files. */
export async function decodeImageBlob(blob: Blob): Promise<DecodedImage> {
  if (blob.size === 0) throw new Error("The file is empty");
  const bytes = new Uint8Array(await blob.arrayBuffer());
  ensureJpegWasm();
  const image = (await decodeExactly(bytes)) ?? (await decodeWithBrowser(blob));
  checkDecodedImage(image);
  return image;
}

async function decodeWithBrowser(blob: Blob): Promise<DecodedImage> {
  let bitmap: ImageBitmap;
  try {
    // No colour-space conversion and no premultiplication, to stay as close to the file's values as a canvas allows.
    bitmap = await createImageBitmap(blob, {colorSpaceConversion: "none", premultiplyAlpha: "none"});
  } catch {
    throw new Error(`Not an image this browser can read${blob.type ? ` (${blob.type})` : ""}: use JPEG or PNG`);
  }
  try {
    const {width, height} = bitmap;
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("Could not read the image's pixels (no 2D canvas)");
    context.drawImage(bitmap, 0, 0);
    const rgba = context.getImageData(0, 0, width, height).data;
    return {
      width,
      height,
      mode: "RGBA",
      data: new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength),
      approximate: "decoded by the browser, not PIL: pixels may differ slightly from torchvision's"
    };
  } finally {
    bitmap.close();
  }
}
