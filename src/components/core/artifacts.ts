// The shape of gallery.json (written by src/data/gallery.json.ts): small validation images the pages offer as inputs.

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
  /** Which data this is: the real validation split, the development fixtures, or drawn stand-ins. */
  source: "tiny-imagenet" | "fixtures" | "synthetic";
  note: string;
  images: GalleryImage[];
}
