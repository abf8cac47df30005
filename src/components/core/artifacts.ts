// The shapes of the artifacts the build writes and the pages read (src/data/*.ts → FileAttachment): one
// definition each, imported by the loader that writes it, the Node code that makes it and the views that show it.
import type {LayerInfo} from "./architecture.js";

/** Which weights a model file holds; also in the ONNX file's metadata_props as weights.kind, weights.source, … */
export interface WeightsProvenance {
  kind: "pretrained" | "local" | "random";
  /** URL, absolute file path, or "seeded random (seed N)". */
  source: string;
  sha256?: string;
  /** For `random`: why the real weights were not used. */
  reason?: string;
}

/** alexnet-meta.json: the layer table and where the weights came from. */
export interface AlexNetMeta {
  weights: WeightsProvenance;
  input: {name: string; shape: [string, number, number, number]; mean: readonly number[]; std: readonly number[]};
  /** One entry per graph output that is a torchvision module, in forward order. */
  layers: LayerInfo[];
  /** Over every module (classifier.0, a dropout, adds nothing). */
  totals: {params: number; macs: number};
  modelBytes: number;
  /** SHA-256 of the .onnx file, to tell models apart without downloading them. */
  modelSha256: string;
  opset: number;
  outputs: string[];
}

/** imagenet-classes.json: one of the 1000 ILSVRC-2012 classes; `index` is the torchvision output index, `names` its WordNet 3.0 lemmas. */
export interface ImagenetClass {
  index: number;
  wnid: string;
  names: string[];
  gloss: string;
}

/** Which validation images a build has: the real split, a folder of fixture images, or drawn stand-ins. */
export type DataSource = "tiny-imagenet" | "fixtures" | "synthetic";

/** gallery.json: small validation images the pages offer as inputs. */
export interface GalleryImage {
  id: string;
  /** The dataset's label: an index into Tiny ImageNet's 200 sorted wnids. */
  label: number;
  wnid: string;
  name: string;
  /** The image file itself as a data: URL (JPEG, or PNG for the synthetic fallback). */
  dataUrl: string;
}

export interface Gallery {
  source: DataSource;
  note: string;
  images: GalleryImage[];
}

/** goldfish-batch.json: the talk's batch, the first 50 validation images. */
export interface GoldfishBatch {
  source: DataSource;
  note: string;
  sha256: string | null;
  totalImages: number;
  images: Omit<GalleryImage, "name">[];
}
