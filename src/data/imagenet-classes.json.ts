// Data loader → imagenet-classes.json: the 1000 ILSVRC-2012 classes `{index, wnid, names, gloss}` in torchvision order,
// derived from WordNet 3.0 and a packaged label list (see src/lib/wordnet/imagenet-classes.ts). Fails the build on any rule violation.
import {loadDerivedImagenetClasses} from "../lib/wordnet/imagenet-classes.ts";

const {classes, corrections} = await loadDerivedImagenetClasses();
for (const {index, label, wnid, lemmas, reason} of corrections) {
  process.stderr.write(`imagenet-classes: index ${index} "${label}" → ${wnid} "${lemmas.join(", ")}" (${reason})\n`);
}
process.stdout.write(JSON.stringify(classes));
