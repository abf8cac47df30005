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
 * The variant the site loads unless the reader picks another: int8 is a quarter of the download and agreed
 * with float32 on the top-1 class of every goldfish fixture and ≥ 99% of random inputs in `npm run bench`.
 */
export const DEFAULT_VARIANT: ModelVariantId = "int8";

/** The variant with this id; unknown ids (e.g. a stale ?model= in the URL) fall back to the default. */
export function modelVariant(id: string | null | undefined): ModelVariant {
  return MODEL_VARIANTS.find((variant) => variant.id === id) ?? MODEL_VARIANTS.find((variant) => variant.id === DEFAULT_VARIANT)!;
}
