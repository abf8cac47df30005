// The formats we decode to exactly PIL's pixels, shared by the browser and Node entry points. Each of those
// registers the JPEG decoder's WASM its own way (useJpegWasm) before calling this.
import {decodeJpeg, isJpeg} from "./jpeg.js";
import {decodePng, isPng} from "./png.js";
import type {DecodedImage} from "./decoded-image.js";

/** JPEG or PNG bytes → pixels; undefined for any other format (the caller decides what that means). */
export async function decodeExactly(bytes: Uint8Array): Promise<DecodedImage | undefined> {
  if (isJpeg(bytes)) return decodeJpeg(bytes);
  if (isPng(bytes)) return decodePng(bytes);
  return undefined;
}
