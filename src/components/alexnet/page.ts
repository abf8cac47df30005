// /alexnet's controller: one image at a time through the real AlexNet in a Worker, and every view of it
// (preprocessing steps, top-5, activation explorer, filters) kept in step with each other and with the URL.
// The page places the returned sections between its paragraphs and tells the controller the column's width.
import {topK} from "../core/inference.js";
import {modelVariant} from "../core/model-variants.js";
import {preprocess, type PreprocessResult} from "../core/preprocess.js";
import {sharedRuntime} from "../runtime/alexnet-runtime.js";
import {ModelStatus} from "../runtime/model-status.js";
import {decodeImageBlob, type DecodedImage} from "../ui/decode-blob.js";
import {el} from "../ui/dom.js";
import {galleryBlob, imagePicker, type PickedImage} from "../ui/image-source.js";
import {architectureStrip} from "./architecture-strip.js";
import {clampChannel, explorerPanel, type ExplorerData} from "./explorer.js";
import {filtersPanel} from "./filters-panel.js";
import {explorerLayer, PAGE_OUTPUTS, type ExplorerLayer} from "./layers.js";
import {modelStatusView} from "./model-status-view.js";
import {predictionPanel} from "./prediction.js";
import {preprocessSteps} from "./preprocess-steps.js";
import type {AlexNetPage, AlexNetPageData, TestHook} from "./page-api.js";
import {formatState, parseState} from "./url-state.js";
import {weightsNotice} from "./weights-notice.js";

export type {AlexNetPage, AlexNetPageData, TestHook} from "./page-api.js";

/** Narrower than this the grids would be too small to read; they overflow the column instead. */
const MIN_WIDTH = 280;
/** Width changes smaller than this (a scrollbar appearing) do not redraw the canvases. */
const REDRAW_STEP = 8;

export function alexnetPage(data: AlexNetPageData): AlexNetPage {
  const runtime = sharedRuntime();
  const state = parseState(location.search);
  const hook: TestHook = {state, runtime, runs: 0};
  (globalThis as unknown as {__alexnet: TestHook}).__alexnet = hook;
  const writeUrl = () => history.replaceState(history.state, "", formatState(state, location.search) + location.hash);
  let generation = 0;
  // The last run's outputs and the crop it was given, replaced together so the explorer never mixes two images.
  let shown: ExplorerData = {layers: data.meta.layers, classes: data.classes};

  // Views are first drawn once the page has said how wide they may be.
  let width = 0;
  let drawnWidth = 0;
  let widthKnown: () => void;
  const firstWidth = new Promise<void>((resolve) => (widthKnown = resolve));

  const errorLine = el("p", {class: "alexnet-error", role: "alert"});
  const showError = (error: unknown) => void (errorLine.textContent = error instanceof Error ? error.message : String(error));

  // --- the model: size before the download, progress during it, what runs after ---
  const variant = modelVariant(state.model);
  const status = modelStatusView(variant, {
    onLoad: () => void ensureModel().catch(showError),
    // One Worker holds one session: a different file is a fresh page load with ?model= in the URL.
    onVariant: (id) => {
      state.model = id;
      writeUrl();
      location.reload();
    }
  });
  // The metadata measured the float32 file exactly; the others are known to the nearest 0.1 MB until the probe answers.
  const model = new ModelStatus(runtime, data.modelUrls[variant.id], {bytes: variant.id === "fp32" ? data.meta.modelBytes : variant.bytes, onChange: status.show});
  status.show(model.state);
  const ensureModel = () => model.load().then((info) => (hook.info = info));
  model
    .probe()
    .then((probed) => (probed.phase === "cached" ? ensureModel() : undefined))
    .catch(showError);

  // --- the sections ---
  const picker = imagePicker(data.gallery, {selectedId: state.image, onPick: (image) => void show(image), onError: showError});
  const steps = el("section", {class: "alexnet-steps"}, el("p", {class: "placeholder"}, "Choose an image above to see each preprocessing step."));
  const prediction = predictionPanel({classes: data.classes, weights: data.meta.weights, breadcrumb: data.breadcrumb});
  const explorer = explorerPanel({
    layer: state.layer,
    scale: state.scale,
    onLayer: (id) => setLayer(id),
    onScale: (scale) => {
      state.scale = scale;
      writeUrl();
      drawExplorer();
    }
  });
  const filters = filtersPanel({loadFilters: data.loadFilters, weights: data.meta.weights, onChannel: (c) => setChannel(c, "filters"), onError: showError});
  const strip = architectureStrip(data.meta.layers, {selected: state.layer, onSelect: (id) => setLayer(id, true)});

  const currentLayer = (): ExplorerLayer => explorerLayer(state.layer)!;
  const view = () => ({width: Math.max(MIN_WIDTH, width), layer: currentLayer(), channel: state.channel, scale: state.scale});

  function drawExplorer(): void {
    state.channel = clampChannel(shown, currentLayer(), state.channel);
    explorer.draw(shown, {...view(), onChannel: (c) => setChannel(c, "grid")});
    drawnWidth = width;
  }

  const drawFilters = () => filters.show(currentLayer(), state.channel);

  function setLayer(id: string, scrollToExplorer = false): void {
    const layer = explorerLayer(id);
    if (layer && layer.id !== state.layer) {
      state.layer = layer.id;
      state.channel = 0;
      strip.select(layer.id);
      writeUrl();
      drawExplorer();
      drawFilters();
    }
    if (scrollToExplorer) explorer.scrollIntoView({block: "start", behavior: "smooth"});
  }

  /** The view the choice came from keeps its element (and so the keyboard focus); the others are redrawn. */
  function setChannel(channel: number, source: "grid" | "filters"): void {
    state.channel = channel;
    writeUrl();
    if (source === "grid") {
      explorer.drawDetail(shown, view());
      drawFilters();
    } else drawExplorer();
  }

  // --- one image through everything ---
  async function show(image: PickedImage): Promise<void> {
    const mine = ++generation;
    errorLine.textContent = "";
    let decoded: DecodedImage;
    let pre: PreprocessResult;
    try {
      decoded = await decodeImageBlob(image.blob);
      pre = preprocess(decoded);
    } catch (error) {
      showError(`Could not use ${image.label}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    await firstWidth;
    if (mine !== generation) return;
    const trueWnid = data.gallery.images.find((g) => g.id === image.galleryId)?.wnid;
    state.image = image.galleryId;
    picker.select(image.galleryId);
    writeUrl();
    hook.imageLabel = image.label;
    steps.replaceChildren(el("h3", {}, image.label), preprocessSteps({url: URL.createObjectURL(image.blob), image: decoded}, pre, {width: Math.max(MIN_WIDTH, width)}));
    prediction.note(runtime.info ? "Running AlexNet…" : "Waiting for the model…");
    try {
      await ensureModel();
      if (mine !== generation) return;
      const result = await runtime.run(pre.tensor, {outputs: [...PAGE_OUTPUTS]});
      if (mine !== generation) return;
      shown = {...shown, outputs: result.outputs, input: pre.cropped};
      Object.assign(hook, {lastInput: pre.tensor, lastOutputs: result.outputs, lastRunMs: result.runMs, runs: hook.runs + 1});
      prediction.show({label: image.label, top: topK(result.outputs["probabilities"]!.data, 5), runMs: result.runMs, trueWnid});
      drawExplorer();
      drawFilters();
    } catch (error) {
      showError(error);
      prediction.note("No prediction: see the message above.");
    }
  }

  drawExplorer();
  drawFilters();
  if (state.image) {
    const wanted = data.gallery.images.find((g) => g.id === state.image);
    if (wanted) galleryBlob(wanted).then((blob) => show({blob, label: `${wanted.name} (${wanted.id})`, galleryId: wanted.id}), showError);
    else showError(`The link names image "${state.image}", which is not in this gallery.`);
  }

  return {
    notice: weightsNotice(data.meta.weights),
    strip,
    status,
    picker: el("section", {class: "alexnet-picker"}, picker, errorLine),
    steps,
    prediction,
    explorer,
    filters,
    setWidth(next) {
      width = Math.round(next);
      widthKnown();
      if (shown.outputs && Math.abs(width - drawnWidth) >= REDRAW_STEP) drawExplorer();
    },
    dispose() {
      picker.dispose();
    }
  };
}
