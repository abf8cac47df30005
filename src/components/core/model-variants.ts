// The AlexNet model files the site can load: the same network and weights, stored three ways.
// Pages pick one (DEFAULT_VARIANT unless the reader chooses) and hand its URL to the runtime; the runtime
// needs nothing else, because the compressed files turn back into float32 weights inside onnxruntime when
// the session is created (see src/lib/onnx/compress.ts). Figures behind the default: docs/performance.md.

export type ModelVariantId = "fp32" | "fp16" | "int8";

export interface ModelVariant {
  id: ModelVariantId;
  /** Path of the data loader output, as written in FileAttachment(...) from a page in src/. */
  file: string;
  label: string;
  /** One sentence on what is traded for the smaller download. */
  note: string;
  /** Size of the file: weights are shape-fixed, so this only changes with the graph (measured by `npm run bench`). */
  bytes: number;
}

export const MODEL_VARIANTS: readonly ModelVariant[] = [
  {
    id: "int8",
    file: "data/alexnet-int8.onnx",
    label: "int8 weights (61 MB)",
    note: "Each weight rounded to one of 255 steps per output channel; predictions match full precision on almost every image.",
    bytes: 61_200_000
  },
  {
    id: "fp16",
    file: "data/alexnet-fp16.onnx",
    label: "float16 weights (122 MB)",
    note: "Each weight rounded to half precision; logits differ from full precision in the fourth significant digit.",
    bytes: 122_200_000
  },
  {
    id: "fp32",
    file: "data/alexnet.onnx",
    label: "float32 weights (244 MB)",
    note: "torchvision's weights exactly as published.",
    bytes: 244_400_000
  }
];

/**
 * The variant pages load unless the reader picks another: float32, because the site promises that every tensor it
 * shows equals PyTorch's on the same weights, and only the float32 file keeps that promise (int8 moved logits by up to
 * 0.6% of their range and flipped 2 of 200 near-tied random inputs in `npm run bench`). The smaller files are one
 * click away for slow connections and are labelled as rounded.
 */
export const DEFAULT_VARIANT: ModelVariantId = "fp32";

/** The smallest download, offered for slow connections; the benchmark judges the download target on it. */
export const COMPACT_VARIANT: ModelVariantId = "int8";

/** The variant with this id; unknown ids (e.g. a stale ?model= in the URL) fall back to the default. */
export function modelVariant(id: string | null | undefined): ModelVariant {
  return MODEL_VARIANTS.find((variant) => variant.id === id) ?? MODEL_VARIANTS.find((variant) => variant.id === DEFAULT_VARIANT)!;
}
