/**
 * The pixels of one decoded image file, before any conversion: what both decoders
 * (src/lib/decode-image.ts in Node, src/components/decode-image-browser.ts in the
 * browser) return and what preprocess.ts accepts.
 *
 * `mode` uses PIL's names, because preprocessing must reproduce PIL's
 * `Image.convert("RGB")` for each of them.
 */
export type ImageMode = "L" | "LA" | "RGB" | "RGBA" | "CMYK" | "P";

/** Channels per pixel in `DecodedImage.data` for each mode ("P" stores one palette index). */
export const CHANNELS: Readonly<Record<ImageMode, number>> = {L: 1, LA: 2, RGB: 3, RGBA: 4, CMYK: 4, P: 1};

export interface DecodedImage {
  width: number;
  height: number;
  mode: ImageMode;
  /** Interleaved 8-bit samples, row-major, `width * height * CHANNELS[mode]` bytes. */
  data: Uint8Array;
  /** Mode "P" only: RGB triplets, entry i at bytes 3i..3i+2. */
  palette?: Uint8Array;
  /** Set when the decoder is known not to match PIL bit for bit: says how (shown to the user). */
  approximate?: string;
}

/** Throws a one-line Error if `image` is not a well-formed DecodedImage. */
export function checkDecodedImage(image: DecodedImage): void {
  const {width, height, mode, data} = image;
  if (!(mode in CHANNELS)) throw new Error(`Unsupported image mode "${String(mode)}"`);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`Invalid image size ${width}×${height}`);
  }
  const expected = width * height * CHANNELS[mode];
  if (data.length !== expected) {
    throw new Error(`Image data has ${data.length} bytes, expected ${expected} for ${width}×${height} ${mode}`);
  }
  if (mode === "P" && (!image.palette || image.palette.length % 3 !== 0 || image.palette.length === 0)) {
    throw new Error("Palette image without a valid RGB palette");
  }
}
