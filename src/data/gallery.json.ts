// A small gallery of Tiny ImageNet validation images as data URLs, for the /cnn and /alexnet pages.
// With the real split: the first image of every fourth class (50 classes, goldfish first).
// Otherwise: the 50 images the fallback has (the real goldfish fixtures, or the synthetic set).
import {dataUrlOf, loadTinyImagenetValid} from "../lib/tiny-imagenet.ts";
import {classNameOf} from "../lib/tiny-imagenet-names.ts";
import type {Gallery} from "../components/core/artifacts.ts";

const split = await loadTinyImagenetValid();
const picked =
  split.source === "tiny-imagenet"
    ? split.wnids.filter((_, label) => label % 4 === 0).map((wnid) => split.images.find((image) => image.wnid === wnid)).filter((image) => image !== undefined)
    : split.images.slice(0, 50);
const names = await classNameOf();
const gallery: Gallery = {
  source: split.source,
  note:
    split.source === "tiny-imagenet"
      ? `${split.note} Shown: the first image of every fourth class.`
      : split.note,
  images: picked.map((image) => ({
    id: image.id,
    label: image.label,
    wnid: image.wnid,
    name: names(image.wnid),
    dataUrl: dataUrlOf(image)
  }))
};
process.stdout.write(JSON.stringify(gallery));
