// Where the reader's image comes from: the gallery, a file (button or drag-and-drop), the clipboard, or a webcam snapshot.
// Every source ends in the same call, onPick({blob, label, galleryId?}); decoding happens elsewhere.
import type {Gallery, GalleryImage} from "../core/artifacts.js";
import {el} from "./dom.js";

export type {Gallery, GalleryImage};

export interface PickedImage {
  blob: Blob;
  /** What to call the image on the page. */
  label: string;
  /** Set for gallery images: the id that goes in the URL. */
  galleryId?: string;
}

export interface PickerOptions {
  selectedId?: string;
  onPick: (image: PickedImage) => void;
  onError: (message: string) => void;
}

/** The first image file in a DataTransfer (drop or paste), if any. */
function firstImage(items: DataTransfer | null): File | undefined {
  if (!items) return undefined;
  for (const file of items.files) if (file.type.startsWith("image/") || file.type === "") return file;
  return undefined;
}

/** The file behind an artifact's data: URL (gallery and batch images). */
export async function dataUrlBlob(dataUrl: string): Promise<Blob> {
  // A data: URL is local: fetch() decodes it without touching the network.
  return (await fetch(dataUrl)).blob();
}

export function galleryBlob(image: GalleryImage): Promise<Blob> {
  return dataUrlBlob(image.dataUrl);
}

function webcamPanel(onPick: PickerOptions["onPick"], onError: PickerOptions["onError"]): (HTMLElement & {dispose(): void}) | undefined {
  const media = globalThis.navigator?.mediaDevices;
  if (!media?.getUserMedia) return undefined; // no camera API (old browser, insecure origin): no button at all
  const start = el("button", {type: "button"}, "Use the webcam");
  const video = el("video", {"aria-label": "Webcam preview"});
  video.playsInline = true;
  video.muted = true;
  video.hidden = true;
  const snap = el("button", {type: "button"}, "Take a snapshot");
  snap.hidden = true;
  const stop = el("button", {type: "button"}, "Close the camera");
  stop.hidden = true;
  let stream: MediaStream | undefined;
  const close = () => {
    stream?.getTracks().forEach((track) => track.stop());
    stream = undefined;
    video.srcObject = null;
    video.hidden = snap.hidden = stop.hidden = true;
    start.hidden = false;
  };
  start.addEventListener("click", async () => {
    try {
      stream = await media.getUserMedia({video: {facingMode: "environment"}, audio: false});
      video.srcObject = stream;
      await video.play();
      video.hidden = snap.hidden = stop.hidden = false;
      start.hidden = true;
      snap.focus();
    } catch (error) {
      onError(`The camera is not available: ${(error as Error).message || (error as Error).name}.`);
      close();
    }
  });
  snap.addEventListener("click", () => {
    const canvas = el("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    if (!canvas.width || !canvas.height) return onError("The camera has not delivered a picture yet; try again.");
    canvas.getContext("2d")!.drawImage(video, 0, 0);
    // PNG keeps the snapshot lossless, so the pixels the model sees are the ones the camera gave.
    canvas.toBlob((blob) => (blob ? onPick({blob, label: "webcam snapshot"}) : onError("The snapshot could not be encoded.")), "image/png");
    close();
  });
  stop.addEventListener("click", close);
  return Object.assign(el("div", {class: "picker-webcam"}, start, video, snap, stop), {dispose: close});
}

function galleryThumb(image: GalleryImage, selected: boolean, {onPick, onError}: PickerOptions): HTMLButtonElement {
  const img = el("img", {src: image.dataUrl, alt: ""});
  img.width = img.height = 64;
  const button = el(
    "button",
    {type: "button", class: "picker-thumb", "data-id": image.id, title: `${image.name} (${image.id})`, "aria-label": `${image.name}, ${image.id}`, "aria-pressed": String(selected)},
    img
  );
  button.addEventListener("click", async () => {
    try {
      onPick({blob: await galleryBlob(image), label: `${image.name} (${image.id})`, galleryId: image.id});
    } catch (error) {
      onError(`Could not read gallery image ${image.id}: ${(error as Error).message}`);
    }
  });
  return button;
}

export type ImagePicker = HTMLElement & {dispose(): void; select(id: string | undefined): void};

/** The picker element; call `dispose()` on it when the page cell is invalidated (it listens to document paste events). */
export function imagePicker(gallery: Gallery, options: PickerOptions): ImagePicker {
  const {selectedId, onPick, onError} = options;
  const buttons = new Map(gallery.images.map((image) => [image.id, galleryThumb(image, image.id === selectedId, options)]));
  const list = el("div", {class: "picker-gallery", role: "group", "aria-label": `Gallery: ${gallery.images.length} Tiny ImageNet validation images`}, ...buttons.values());

  const file = el("input", {type: "file", accept: "image/*"});
  file.addEventListener("change", () => {
    const chosen = file.files?.[0];
    if (chosen) onPick({blob: chosen, label: chosen.name});
    file.value = ""; // choosing the same file again still fires "change"
  });
  const webcam = webcamPanel(onPick, onError);
  const own = el(
    "div",
    {class: "picker-own"},
    el("label", {class: "picker-file"}, "Upload an image ", file),
    webcam,
    el("p", {class: "picker-hint"}, "…or drop an image file here, or paste one (Ctrl/⌘+V). Any format and size your browser can open.")
  );

  const root = el("section", {class: "image-picker", "aria-label": "Choose an image"}, list, el("p", {class: "picker-note"}, gallery.note), own) as ImagePicker;
  root.select = (id) => buttons.forEach((button, key) => button.setAttribute("aria-pressed", String(key === id)));
  root.addEventListener("dragover", (event) => {
    event.preventDefault();
    root.classList.add("dragging");
  });
  root.addEventListener("dragleave", () => root.classList.remove("dragging"));
  root.addEventListener("drop", (event) => {
    event.preventDefault();
    root.classList.remove("dragging");
    const dropped = firstImage(event.dataTransfer);
    if (dropped) onPick({blob: dropped, label: dropped.name || "dropped image"});
    else onError("That drop held no image file.");
  });
  const onPaste = (event: ClipboardEvent) => {
    const pasted = firstImage(event.clipboardData);
    if (!pasted) return; // ordinary text paste: not ours
    event.preventDefault();
    onPick({blob: pasted, label: pasted.name && pasted.name !== "image.png" ? pasted.name : "pasted image"});
  };
  document.addEventListener("paste", onPaste);
  root.dispose = () => {
    document.removeEventListener("paste", onPaste);
    webcam?.dispose();
  };
  return root;
}
