// The picture every /cnn demo works on: a gallery image, the reader's own file, or a drawn test card.
// Decoded with the browser's canvas: these demos illustrate operations, they are not the model's input path
// (that is core/preprocess.ts, which matches torchvision exactly).
import type {Grid} from "./ops.js";
import {grayFromRgba, makeGrid} from "./ops.js";
import {el, emitValue, uid} from "../ui/dom.js";
import type {Gallery, GalleryImage} from "../core/artifacts.js";
import {dataUrlBlob} from "../ui/image-source.js";

export interface DemoImage {
  /** Grayscale 0–1, the single input channel of the demos. */
  gray: Grid;
  title: string;
}

/** Longest side the demos work at: big enough to see shapes, small enough to redraw on every keystroke. */
export const MAX_SIDE = 96;

/** A drawn test card (disc, square, stripes, gradient): edges in every direction, no decoding needed. */
export function testCard(size = 64): Grid {
  const grid = makeGrid(size, size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = x / size;
      const v = y / size;
      let value = 0.15 + 0.35 * u; // soft horizontal gradient in the background
      if ((u - 0.32) ** 2 + (v - 0.34) ** 2 < 0.05) value = 0.9; // disc
      if (u > 0.58 && u < 0.88 && v > 0.18 && v < 0.48) value = 0.05; // dark square
      if (v > 0.62 && v < 0.9 && Math.floor(u * 10) % 2 === 0) value = 0.8; // vertical stripes
      grid.data[y * size + x] = value;
    }
  }
  return grid;
}

/** Scale so the longest side is at most `maxSide`, keeping the aspect ratio. */
export function fitSize(width: number, height: number, maxSide = MAX_SIDE): [number, number] {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
}

async function decodeToGray(source: Blob | string): Promise<Grid> {
  const blob = typeof source === "string" ? await dataUrlBlob(source) : source;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    throw new Error("This file could not be decoded as an image (try a JPEG, PNG, GIF or WebP).");
  }
  const [width, height] = fitSize(bitmap.width, bitmap.height);
  const canvas = el("canvas", {width, height});
  const context = canvas.getContext("2d", {willReadFrequently: true});
  if (!context) throw new Error("This browser cannot draw to a canvas, so the image cannot be read.");
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return grayFromRgba(context.getImageData(0, 0, width, height).data, width, height);
}

const TEST_CARD = "test-card";

/**
 * A picker whose value is the current DemoImage. It starts on the first gallery image (or the test card),
 * and keeps the previous image when a file cannot be read, showing a one-line message instead.
 */
export function demoImagePicker(gallery: Gallery | null): HTMLElement & {value: DemoImage} {
  const images = gallery?.images ?? [];
  const selectId = uid("cnn-image-select");
  const fileId = uid("cnn-image-file");
  const select = el("select", {id: selectId});
  for (const image of images) select.append(el("option", {value: image.id}, `${image.name} (${image.id})`));
  select.append(el("option", {value: TEST_CARD}, "Test card (drawn shapes)"));
  const file = el("input", {id: fileId, type: "file", accept: "image/*"});
  const message = el("p", {class: "cnn-message", role: "status", "aria-live": "polite"});
  const root = el(
    "div",
    {class: "cnn-picker"},
    el("label", {for: selectId}, "Image "),
    select,
    el("label", {for: fileId, class: "cnn-file-label"}, "or your own file "),
    file,
    message
  ) as unknown as HTMLElement & {value: DemoImage};
  root.value = {gray: testCard(), title: "Test card"};

  let request = 0;
  async function show(load: () => Promise<DemoImage>): Promise<void> {
    const mine = ++request;
    try {
      const image = await load();
      if (mine !== request) return; // a newer choice won
      message.textContent = "";
      emitValue(root, image);
    } catch (error) {
      if (mine !== request) return;
      message.textContent = error instanceof Error ? error.message : String(error);
    }
  }
  function fromSelect(): void {
    const chosen = images.find((image) => image.id === select.value);
    if (!chosen) return void show(async () => ({gray: testCard(), title: "Test card"}));
    void show(async () => ({gray: await decodeToGray(chosen.dataUrl), title: `${chosen.name} (${chosen.id})`}));
  }
  select.addEventListener("change", fromSelect);
  file.addEventListener("change", () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    void show(async () => ({gray: await decodeToGray(chosen), title: chosen.name}));
  });
  if (images.length > 0) fromSelect();
  return root;
}
