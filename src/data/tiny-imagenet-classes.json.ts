// Data loader → tiny-imagenet-classes.json: the 200 Tiny ImageNet classes in label order with their WordNet names
// and their relation to the 1000 ImageNet classes (same synset, broader, narrower or none).
import {loadSortedWnids} from "../lib/tiny-imagenet.ts";
import {loadImagenetClasses} from "../lib/wordnet/imagenet-classes.ts";
import {mapTinyImagenetClasses} from "../lib/wordnet/tiny-imagenet-classes.ts";
import {loadNounDatabase} from "../lib/wordnet/wndb.ts";

const mapped = mapTinyImagenetClasses(await loadNounDatabase(), await loadSortedWnids(), await loadImagenetClasses());
const counts = ["same", "broader", "narrower", "none"].map((relation) => `${relation} ${mapped.filter((c) => c.relation === relation).length}`);
process.stderr.write(`tiny-imagenet-classes: ${counts.join(", ")}\n`);
process.stdout.write(JSON.stringify(mapped));
