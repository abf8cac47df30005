// Data loader → wordnet-tree.json: every synset on a hypernym path of the 1000 ImageNet classes (~1,860), as a tree
// under entity with names, gloss, depth and class counts (see src/lib/wordnet/hierarchy.ts for how multiple parents are kept).
import {buildWordnetTree} from "../lib/wordnet/hierarchy.ts";
import {loadImagenetClasses} from "../lib/wordnet/imagenet-classes.ts";
import {loadNounDatabase} from "../lib/wordnet/wndb.ts";

process.stdout.write(JSON.stringify(buildWordnetTree(await loadNounDatabase(), await loadImagenetClasses())));
