// /alexnet's controller: one image at a time through the real AlexNet in a Worker, and every view of it
// (preprocessing steps, top-5, activation explorer, filters) kept in step with the URL.
// The page places the returned sections between its paragraphs; this module owns their state.
import type {LayerInfo} from "../core/architecture.js";
import {activationGrid, channelMaxima, type ActivationMaps, type ScaleMode} from "./activation-grid.js";
import {channelDetail} from "./channel-detail.js";
import {splitConvWeights, type ConvWeights} from "../core/conv-weights.js";
import {EXPLORER_LAYERS, PAGE_OUTPUTS, explorerLayer, layerRows, type ExplorerLayer} from "./layers.js";
import {sharedRuntime, type LoadedInfo, type TensorData} from "../runtime/alexnet-runtime.js";
import {formatState, parseState, type ViewState} from "./url-state.js";
import {describeTop, top5List} from "./top5.js";
import type {ImagenetClass} from "../core/artifacts.js";
import {className} from "../core/format.js";
import {unitBars, unitSquare} from "./unit-vector.js";
import {MODEL_VARIANTS, type ModelVariantId} from "../core/model-variants.js";
import {architectureStrip} from "./architecture-strip.js";
import {decodeImageBlob} from "../ui/decode-blob.js";
import {filterGrid} from "./filter-grid.js";
import {imagePicker, galleryBlob, type Gallery, type PickedImage} from "../ui/image-source.js";
import {topK} from "../core/inference.js";
import {preprocess, type PreprocessResult} from "../core/preprocess.js";
import {preprocessSteps} from "./preprocess-steps.js";

export interface WeightsInfo {
  kind: "pretrained" | "local" | "random";
  source: string;
  sha256?: string;
  reason?: string;
}

export interface AlexNetPageData {
  meta: {weights: WeightsInfo; layers: LayerInfo[]; modelBytes: number};
  gallery: Gallery;
  classes: ImagenetClass[];
  /** URL of each model file (FileAttachment hrefs), by variant id. */
  modelUrls: Record<ModelVariantId, string>;
  /** Loads alexnet-filters.bin (only when a reader opens the filters). */
  loadFilters: () => Promise<ArrayBuffer>;
  /** WordNet breadcrumb for a class, if the page has one. */
  breadcrumb?: (wnid: string) => Element | null;
}

export interface AlexNetPage {
  notice: HTMLElement;
  strip: HTMLElement;
  status: HTMLElement;
  picker: HTMLElement;
  steps: HTMLElement;
  prediction: HTMLElement;
  explorer: HTMLElement;
  filters: HTMLElement;
  dispose(): void;
}

/** What the end-to-end tests read: the exact numbers the page shows. */
export interface TestHook {
  state: ViewState;
  /** The page's runtime, for benchmarks (e.g. logits-only latency). */
  runtime: ReturnType<typeof sharedRuntime>;
  info?: LoadedInfo;
  imageLabel?: string;
  lastInput?: Float32Array;
  lastOutputs?: Record<string, TensorData>;
  lastRunMs?: number;
  runs: number;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function weightsNotice(weights: WeightsInfo): HTMLElement {
  const notice = el("div", `weights-notice weights-${weights.kind}`);
  if (weights.kind === "random") {
    notice.setAttribute("role", "note");
    const title = el("p");
    title.append(el("strong", undefined, "These are seeded random weights, not the pretrained AlexNet."));
    title.append(
      ` This build could not get torchvision's checkpoint${weights.reason ? ` (${weights.reason})` : ""}, so the model below has the right shape but has learned nothing: its predictions are noise and its filters are random.`
    );
    const how = el("p");
    how.innerHTML =
      "To see the real network: put torchvision's <code>alexnet-owt-7be5be79.pth</code> somewhere and set <code>ALEXNET_WEIGHTS=/path/to/it</code>, or build on a machine with internet access (the build downloads and checks it), then run <code>npm run clean &amp;&amp; npm run build</code>.";
    notice.append(title, how);
  } else if (weights.kind === "local") {
    notice.append(el("p", undefined, `Weights from a local file (${weights.source}, SHA-256 ${weights.sha256?.slice(0, 12) ?? "?"}…) that is not torchvision's published checkpoint.`));
  } else {
    notice.append(el("p", undefined, `Weights: torchvision's pretrained AlexNet (IMAGENET1K_V1, SHA-256 ${weights.sha256?.slice(0, 12) ?? "?"}…).`));
  }
  return notice;
}

function mapsOf(tensor: TensorData): ActivationMaps {
  const [, channels, height, width] = tensor.dims as [number, number, number, number];
  return {channels, height, width, data: tensor.data};
}

export function alexnetPage(data: AlexNetPageData): AlexNetPage {
  const runtime = sharedRuntime();
  const state = parseState(location.search);
  const hook: TestHook = {state, runtime, runs: 0};
  (globalThis as unknown as {__alexnet: TestHook}).__alexnet = hook;
  const classes = data.classes;
  let generation = 0;
  let current: {pre: PreprocessResult; label: string; trueWnid?: string} | undefined;
  let outputs: Record<string, TensorData> | undefined;
  let weights: Map<string, ConvWeights> | undefined;
  let weightsLoading: Promise<Map<string, ConvWeights>> | undefined;

  const writeUrl = () => history.replaceState(history.state, "", formatState(state, location.search) + location.hash);

  // --- model status: size before the download, progress during it, what runs after ---
  const variant = MODEL_VARIANTS.find((v) => v.id === state.model)!;
  const modelUrl = data.modelUrls[variant.id];
  // The metadata measured the float32 file exactly; the others are known to the nearest 0.1 MB until the probe answers.
  let modelBytes = variant.id === "fp32" ? data.meta.modelBytes : variant.bytes;
  const status = el("section", "model-status");
  status.setAttribute("aria-label", "The model");
  const statusText = el("p", "model-status-text");
  const progress = el("progress", "model-progress");
  progress.max = 1;
  progress.value = 0;
  progress.hidden = true;
  progress.setAttribute("aria-label", "Model download");
  const loadButton = el("button", "model-load");
  loadButton.type = "button";
  const runtimeText = el("p", "model-runtime");
  const variantLabel = el("label", "model-variant", "Model file ");
  const variantSelect = el("select");
  for (const v of MODEL_VARIANTS) {
    const option = el("option", undefined, `${v.label}${v.id === "fp32" ? ", exact" : ""}`);
    option.value = v.id;
    variantSelect.append(option);
  }
  variantSelect.value = variant.id;
  const variantNote = el("small", undefined, ` ${variant.note}`);
  variantLabel.append(variantSelect, variantNote);
  // One Worker holds one session: a different file is a fresh page load with ?model= in the URL.
  variantSelect.addEventListener("change", () => {
    state.model = variantSelect.value as ModelVariantId;
    writeUrl();
    location.reload();
  });
  status.append(statusText, progress, loadButton, variantLabel, runtimeText);
  const describeSize = () => {
    loadButton.textContent = `Download the model now (${megabytes(modelBytes)})`;
    statusText.textContent = `The model is ${megabytes(modelBytes)} (${variant.label.replace(/ \(.*\)$/, "")}). It downloads once, when you choose an image, and stays in your browser's cache for later visits.`;
  };
  describeSize();

  async function ensureModel(): Promise<LoadedInfo> {
    loadButton.hidden = true;
    if (!runtime.info) {
      progress.hidden = false;
      statusText.textContent = `Loading the model (${megabytes(modelBytes)})…`;
    }
    const info = await runtime.load(modelUrl, {
      onProgress: (loaded, total) => {
        const all = total ?? modelBytes;
        progress.value = loaded / all;
        statusText.textContent = `Downloading the model: ${megabytes(loaded)} of ${megabytes(all)}…`;
      }
    });
    progress.hidden = true;
    hook.info = info;
    const source = info.fromCache ? "read from your browser's cache" : `downloaded in ${(info.downloadMs / 1000).toFixed(1)} s`;
    statusText.textContent = `Model ready: ${megabytes(info.modelBytes)}, ${source}${info.stored || info.fromCache ? "" : " (the cache refused it, so a reload downloads it again)"}.`;
    runtimeText.textContent =
      (info.backend === "webgpu" ? "onnxruntime-web on WebGPU" : `onnxruntime-web on WebAssembly, ${info.threads} thread${info.threads === 1 ? "" : "s"}`) +
      (info.crossOriginIsolated ? " (cross-origin isolated)" : " (not cross-origin isolated, so one thread)") +
      `; session created in ${(info.sessionMs / 1000).toFixed(1)} s` +
      (info.webgpuNote ? `; no WebGPU: ${info.webgpuNote}` : "") +
      ".";
    return info;
  }
  loadButton.addEventListener("click", () => ensureModel().catch(showError));
  runtime
    .probe(modelUrl)
    .then((probe) => {
      if (probe.bytes !== undefined && !runtime.info) {
        modelBytes = probe.bytes;
        describeSize();
      }
      if (probe.cached && !runtime.info) {
        statusText.textContent = `The model (${megabytes(modelBytes)}) is in your browser's cache: loading it.`;
        return ensureModel();
      }
    })
    .catch(showError);

  // --- errors: one line, the page stays as it was ---
  const errorLine = el("p", "alexnet-error");
  errorLine.setAttribute("role", "alert");
  function showError(error: unknown): void {
    errorLine.textContent = error instanceof Error ? error.message : String(error);
  }

  // --- image sources ---
  const pickerSection = el("section", "alexnet-picker");
  const picker = imagePicker(data.gallery, {selectedId: state.image, onPick: (image) => void show(image), onError: showError});
  pickerSection.append(picker, errorLine);

  // --- preprocessing steps ---
  const steps = el("section", "alexnet-steps");
  steps.append(el("p", "placeholder", "Choose an image above to see each preprocessing step."));

  // --- prediction ---
  const prediction = el("section", "alexnet-prediction");
  const announce = el("p", "sr-only");
  announce.setAttribute("aria-live", "polite");
  const predictionBody = el("div");
  predictionBody.append(el("p", "placeholder", "The five most likely classes appear here."));
  prediction.append(announce, predictionBody);

  // --- explorer ---
  const explorer = el("section", "alexnet-explorer");
  const controls = el("div", "explorer-controls");
  const layerSelect = el("select");
  layerSelect.setAttribute("aria-label", "Layer");
  for (const layer of EXPLORER_LAYERS) {
    const option = el("option", undefined, `${layer.id} — ${layer.caption}`);
    option.value = layer.id;
    layerSelect.append(option);
  }
  layerSelect.value = state.layer;
  layerSelect.addEventListener("change", () => setLayer(layerSelect.value));
  const scaleGroup = el("fieldset", "scale-switch");
  scaleGroup.append(el("legend", undefined, "Colour scale"));
  for (const [value, text] of [["shared", "shared across the layer"], ["per-map", "each map its own"]] as const) {
    const label = el("label");
    const radio = el("input");
    radio.type = "radio";
    radio.name = "alexnet-scale";
    radio.value = value;
    radio.checked = state.scale === value;
    radio.addEventListener("change", () => {
      state.scale = value as ScaleMode;
      writeUrl();
      renderExplorer();
    });
    label.append(radio, ` ${text}`);
    scaleGroup.append(label);
  }
  const layerLabel = el("label", "layer-label", "Layer ");
  layerLabel.append(layerSelect);
  controls.append(layerLabel, scaleGroup);
  const explorerBody = el("div", "explorer-body");
  const detailBody = el("div", "explorer-detail");
  // Canvas grids say nothing by themselves: announce the channel the keyboard (or a click) lands on.
  const channelAnnounce = el("p", "sr-only");
  channelAnnounce.setAttribute("aria-live", "polite");
  explorer.append(controls, explorerBody, detailBody, channelAnnounce);

  // --- filters ---
  const filters = el("section", "alexnet-filters");
  const filtersBody = el("div");
  filters.append(filtersBody);

  const strip = architectureStrip(data.meta.layers, {selected: state.layer, onSelect: (id) => setLayer(id, true)});

  function setLayer(id: string, focusExplorer = false): void {
    const layer = explorerLayer(id);
    if (!layer || layer.id === state.layer) {
      if (focusExplorer) explorer.scrollIntoView({block: "start", behavior: "smooth"});
      return;
    }
    state.layer = layer.id;
    state.channel = 0;
    layerSelect.value = layer.id;
    strip.select(layer.id);
    writeUrl();
    renderExplorer();
    renderFilters();
    if (focusExplorer) explorer.scrollIntoView({block: "start", behavior: "smooth"});
  }

  /** The view the choice came from keeps its element (and so the keyboard focus); the others are redrawn. */
  function setChannel(channel: number, source: "grid" | "filters"): void {
    state.channel = channel;
    writeUrl();
    if (source === "grid") renderDetail();
    else renderExplorer();
    if (source !== "filters") renderFilters();
  }

  const widthOf = (node: HTMLElement) => Math.max(280, node.clientWidth || document.querySelector("main")?.clientWidth || 640);

  function currentLayer(): ExplorerLayer {
    return explorerLayer(state.layer)!;
  }

  function renderExplorer(): void {
    const layer = currentLayer();
    const {output} = layerRows(layer, data.meta.layers);
    explorerBody.replaceChildren();
    detailBody.replaceChildren();
    scaleGroup.hidden = layer.shape !== "maps";
    const title = el("h3", undefined, `${layer.id}: ${layer.caption} → ${output.outputShape.join("×")}`);
    explorerBody.append(title);
    explorer.dataset.layer = layer.id;
    if (!outputs || !current) {
      explorerBody.append(el("p", "placeholder", "Choose an image to see what this layer makes of it."));
      return;
    }
    const tensor = outputs[layer.output]!;
    if (layer.shape === "maps") {
      const maps = mapsOf(tensor);
      state.channel = Math.min(state.channel, maps.channels - 1);
      explorerBody.append(
        activationGrid(maps, {width: widthOf(explorerBody), scale: state.scale, selected: state.channel, onSelect: (c) => setChannel(c, "grid"), label: layer.id})
      );
      renderDetail();
    } else if (layer.id === "fc8") {
      const top = topK(outputs["probabilities"]!.data, 5).map((p) => p.index);
      explorerBody.append(unitBars(tensor.data, {width: widthOf(explorerBody), label: layer.id, highlight: top, names: (i) => className(classes[i], i)}));
    } else {
      explorerBody.append(unitSquare(tensor.data, {width: widthOf(explorerBody), label: layer.id}));
    }
  }

  function renderDetail(): void {
    const layer = currentLayer();
    detailBody.replaceChildren();
    if (!outputs || !current || layer.shape !== "maps") return;
    const maps = mapsOf(outputs[layer.output]!);
    const maxima = channelMaxima(maps);
    const max = state.scale === "shared" ? maxima.reduce((a, b) => Math.max(a, b), 0) : maxima[state.channel]!;
    const {output} = layerRows(layer, data.meta.layers);
    const size = Math.min(320, Math.floor((widthOf(detailBody) - 16) / 2));
    detailBody.append(channelDetail(maps, current.pre.cropped, {channel: state.channel, max, field: output.receptiveField, size, label: layer.id}));
    channelAnnounce.textContent = `${layer.id} channel ${state.channel} of ${maps.channels}: largest value ${maxima[state.channel]!.toPrecision(3)}${maxima[state.channel] === 0 ? ", silent for this image" : ""}.`;
    explorer.dataset.channel = String(state.channel);
  }

  async function filterWeights(): Promise<Map<string, ConvWeights>> {
    weightsLoading ??= data.loadFilters().then(splitConvWeights);
    return (weights ??= await weightsLoading);
  }

  function renderFilters(): void {
    const layer = currentLayer();
    const isConv = layer.shape === "maps" && layer.module !== layer.output && layer.id.startsWith("conv");
    if (!isConv) {
      filtersBody.replaceChildren(
        el("p", "placeholder", layer.shape === "maps" ? `${layer.id} is a max-pool: it has no weights, it keeps the largest value of each 3×3 window.` : `${layer.id} is fully connected; its weights are a matrix, not small images.`)
      );
      return;
    }
    if (!weights) filtersBody.replaceChildren(el("p", "placeholder", "Loading the filters…"));
    const channel = state.channel;
    filterWeights()
      .then((all) => {
        if (state.layer !== layer.id || state.channel !== channel) return;
        filtersBody.replaceChildren(...randomReminder("these filters are random numbers, not learned ones."), filterGrid(all.get(layer.module)!, {selected: channel, onSelect: (c) => setChannel(c, "filters"), label: layer.id}));
      })
      .catch(showError);
  }

  /** A reminder next to anything a reader might mistake for the trained network's output. */
  function randomReminder(text: string): HTMLElement[] {
    return data.meta.weights.kind === "random" ? [el("p", "random-reminder", `Seeded random weights: ${text}`)] : [];
  }

  // --- one image through everything ---
  async function show(image: PickedImage): Promise<void> {
    const mine = ++generation;
    errorLine.textContent = "";
    let pre: PreprocessResult;
    let decoded;
    try {
      decoded = await decodeImageBlob(image.blob);
      pre = preprocess(decoded);
    } catch (error) {
      showError(`Could not use ${image.label}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (mine !== generation) return;
    const url = URL.createObjectURL(image.blob);
    const galleryImage = data.gallery.images.find((g) => g.id === image.galleryId);
    current = {pre, label: image.label, trueWnid: galleryImage?.wnid};
    state.image = image.galleryId;
    picker.select(image.galleryId);
    writeUrl();
    hook.imageLabel = image.label;
    steps.replaceChildren(el("h3", undefined, image.label), preprocessSteps({url, image: decoded}, pre, {width: widthOf(steps)}));
    predictionBody.replaceChildren(el("p", "placeholder", runtime.info ? "Running AlexNet…" : "Waiting for the model…"));
    try {
      await ensureModel();
      if (mine !== generation) return;
      const result = await runtime.run(pre.tensor, {outputs: [...PAGE_OUTPUTS]});
      if (mine !== generation) return;
      outputs = result.outputs;
      hook.lastInput = pre.tensor;
      hook.lastOutputs = outputs;
      hook.lastRunMs = result.runMs;
      hook.runs++;
      const top = topK(outputs["probabilities"]!.data, 5);
      predictionBody.replaceChildren(
        el("h3", undefined, `What AlexNet sees in ${image.label}`),
        ...randomReminder("these probabilities come from untrained, random weights and mean nothing."),
        top5List(top, classes, {breadcrumb: data.breadcrumb, trueWnid: current.trueWnid}),
        el("p", "timing", `Inference took ${result.runMs.toFixed(0)} ms in the Worker.`)
      );
      announce.textContent = `Top prediction for ${image.label}: ${describeTop(top, classes)}`;
      renderExplorer();
      renderFilters();
    } catch (error) {
      showError(error);
      if (!runtime.info) loadButton.hidden = false; // the model did not load: offer to try again
      predictionBody.replaceChildren(el("p", "placeholder", "No prediction: see the message above."));
    }
  }

  renderExplorer();
  renderFilters();
  if (state.image) {
    const wanted = data.gallery.images.find((g) => g.id === state.image);
    if (wanted) galleryBlob(wanted).then((blob) => show({blob, label: `${wanted.name} (${wanted.id})`, galleryId: wanted.id}), showError);
    else showError(`The link names image "${state.image}", which is not in this gallery.`);
  }

  // Redraw the canvases when the column width changes (phone rotation, window resize).
  let lastWidth = 0;
  const resize = new ResizeObserver(() => {
    const w = explorer.clientWidth;
    if (Math.abs(w - lastWidth) < 8) return;
    lastWidth = w;
    if (outputs) renderExplorer();
  });
  resize.observe(explorer);

  return {
    notice: weightsNotice(data.meta.weights),
    strip,
    status,
    picker: pickerSection,
    steps,
    prediction,
    explorer,
    filters,
    dispose() {
      resize.disconnect();
      picker.dispose();
    }
  };
}
