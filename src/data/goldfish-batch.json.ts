// The talk's batch: the first 50 Tiny ImageNet validation images (all goldfish in the real split), as data URLs,
// with where they came from. The /goldfish page shows them and re-runs them live in the browser.
import {dataUrlOf, loadTinyImagenetValid} from "../lib/tiny-imagenet.ts";
import type {GoldfishBatch} from "../components/core/artifacts.ts";

const split = await loadTinyImagenetValid();
const batch: GoldfishBatch = {
  source: split.source,
  note: split.note,
  sha256: split.sha256 ?? null,
  totalImages: split.images.length,
  images: split.images.slice(0, 50).map((image) => ({
    id: image.id,
    label: image.label,
    wnid: image.wnid,
    dataUrl: dataUrlOf(image)
  }))
};
process.stdout.write(JSON.stringify(batch));
