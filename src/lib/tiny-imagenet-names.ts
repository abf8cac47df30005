// Human-readable names for Tiny ImageNet wnids, for build-time loaders.
// The names come from helper C's WordNet module when it is present; until then, goldfish is named and the rest show their wnid.
import {GOLDFISH_WNID} from "./tiny-imagenet.ts";

export async function classNameOf(): Promise<(wnid: string) => string> {
  return (wnid) => (wnid === GOLDFISH_WNID ? "goldfish" : wnid);
}
