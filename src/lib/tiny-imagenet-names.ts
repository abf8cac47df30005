// Human-readable names for Tiny ImageNet wnids in build-time loaders: the first WordNet 3.0 lemma.
import {requireSynset, loadNounDatabase} from "./wordnet/wndb.ts";

export async function classNameOf(): Promise<(wnid: string) => string> {
  const db = await loadNounDatabase();
  return (wnid) => requireSynset(db, wnid).lemmas[0] ?? wnid;
}
