// Where the reader's image comes from: the gallery, a file (button or drag-and-drop), the clipboard, or a webcam snapshot.
// Every source ends in the same call, onPick({blob, label, galleryId?}); decoding happens elsewhere.
import type {Gallery, GalleryImage} from "../core/artifacts.js";

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

function webcamPanel(onPick: PickerOptions["onPick"], onError: PickerOptions["onError"]): HTMLElement | undefined {
  const media = globalThis.navigator?.mediaDevices;
  if (!media?.getUserMedia) return undefined; // no camera API (old browser, insecure origin): no button at all
  const panel = document.createElement("div");
  panel.className = "picker-webcam";
  const start = document.createElement("button");
  start.type = "button";
  start.textContent = "Use the webcam";
  const video = document.createElement("video");
  video.playsInline = true;
  video.muted = true;
  video.hidden = true;
  video.setAttribute("aria-label", "Webcam preview");
  const snap = document.createElement("button");
  snap.type = "button";
  snap.textContent = "Take a snapshot";
  snap.hidden = true;
  const stop = document.createElement("button");
  stop.type = "button";
  stop.textContent = "Close the camera";
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
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    if (!canvas.width || !canvas.height) return onError("The camera has not delivered a picture yet; try again.");
    canvas.getContext("2d")!.drawImage(video, 0, 0);
    // PNG keeps the snapshot lossless, so the pixels the model sees are the ones the camera gave.
    canvas.toBlob((blob) => (blob ? onPick({blob, label: "webcam snapshot"}) : onError("The snapshot could not be encoded.")), "image/png");
    close();
  });
  stop.addEventListener("click", close);
  panel.append(start, video, snap, stop);
  (panel as HTMLElement & {dispose?: () => void}).dispose = close;
  return panel;
}

/** The picker element; call `dispose()` on it when the page cell is invalidated (it listens to document paste events). */
export function imagePicker(gallery: Gallery, {selectedId, onPick, onError}: PickerOptions): HTMLElement & {dispose(): void; select(id: string | undefined): void} {
  const root = document.createElement("section") as HTMLElement & {dispose(): void; select(id: string | undefined): void};
  root.className = "image-picker";
  root.setAttribute("aria-label", "Choose an image");

  const list = document.createElement("div");
  list.className = "picker-gallery";
  list.setAttribute("role", "group");
  list.setAttribute("aria-label", `Gallery: ${gallery.images.length} Tiny ImageNet validation images`);
  const buttons = new Map<string, HTMLButtonElement>();
  for (const image of gallery.images) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "picker-thumb";
    button.dataset.id = image.id;
    button.title = `${image.name} (${image.id})`;
    button.setAttribute("aria-label", `${image.name}, ${image.id}`);
    button.setAttribute("aria-pressed", String(image.id === selectedId));
    const img = document.createElement("img");
    img.src = image.dataUrl;
    img.alt = "";
    img.width = img.height = 64;
    button.append(img);
    button.addEventListener("click", async () => {
      try {
        onPick({blob: await galleryBlob(image), label: `${image.name} (${image.id})`, galleryId: image.id});
      } catch (error) {
        onError(`Could not read gallery image ${image.id}: ${(error as Error).message}`);
      }
    });
    buttons.set(image.id, button);
    list.append(button);
  }
  root.select = (id) => buttons.forEach((button, key) => button.setAttribute("aria-pressed", String(key === id)));

  const own = document.createElement("div");
  own.className = "picker-own";
  const fileLabel = document.createElement("label");
  fileLabel.className = "picker-file";
  const file = document.createElement("input");
  file.type = "file";
  file.accept = "image/*";
  file.addEventListener("change", () => {
    const chosen = file.files?.[0];
    if (chosen) onPick({blob: chosen, label: chosen.name});
    file.value = ""; // choosing the same file again still fires "change"
  });
  fileLabel.append("Upload an image ", file);
  const hint = document.createElement("p");
  hint.className = "picker-hint";
  hint.textContent = "…or drop an image file here, or paste one (Ctrl/⌘+V). Any format and size your browser can open.";
  own.append(fileLabel);
  const webcam = webcamPanel(onPick, onError);
  if (webcam) own.append(webcam);
  own.append(hint);

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
    (webcam as (HTMLElement & {dispose?: () => void}) | undefined)?.dispose?.();
  };

  const note = document.createElement("p");
  note.className = "picker-note";
  note.textContent = gallery.note;
  root.append(list, note, own);
  return root;
}
