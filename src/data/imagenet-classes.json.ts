// Data loader → imagenet-classes.json: the 1000 ILSVRC-2012 classes `{index, wnid, names, gloss}` in torchvision order,
// derived from WordNet 3.0 and a packaged label list (see src/lib/wordnet/imagenet-classes.ts). Fails the build on any rule violation.
import {loadDerivedImagenetClasses} from "../lib/wordnet/imagenet-classes.ts";

const {classes, corrections} = await loadDerivedImagenetClasses();
const spelling = corrections.filter((c) => c.reason === "spelling").map((c) => `${c.index} "${c.label}" → "${c.lemmas.join(", ")}"`);
const hinted = corrections.filter((c) => c.reason === "sense hint").length;
process.stderr.write(
  `imagenet-classes: ${classes.length} classes; spelling fixed for ${spelling.join("; ") || "none"}; ${hinted} placed by sense hints\n`
);
process.stdout.write(JSON.stringify(classes));
