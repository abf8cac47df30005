// The one place that knows where the development machines keep their shared data (../shared beside the repo).
// The product reads data only through its environment variables; the tests and .ci/run point those variables
// here when the folder exists. A user's clone has no ../shared: the tests that need it skip with a message.
import {existsSync} from "node:fs";
import {join, resolve} from "node:path";

export const REPO_ROOT = resolve(import.meta.dirname, "../..");
export const SHARED_DIR = resolve(REPO_ROOT, "../shared");

/** The 50 goldfish validation images in the original release's layout (val/val_annotations.txt, val/images/). */
export const GOLDFISH_FIXTURES_DIR = join(SHARED_DIR, "fixtures/tiny-imagenet");
export const GOLDFISH_IMAGES_DIR = join(GOLDFISH_FIXTURES_DIR, "val/images");
export const haveGoldfishFixtures = existsSync(join(GOLDFISH_FIXTURES_DIR, "val/val_annotations.txt"));

/** The ILSVRC-2012 synset list, used only as an answer key by the class-list tests. */
export const IMAGENET_ANSWER_KEY = join(SHARED_DIR, "reference/imagenet1k-synsets.txt");

/** The product's variables for the shared data that is present (none on a user's clone). */
export function sharedDataEnv(): Record<string, string> {
  return haveGoldfishFixtures ? {TINY_IMAGENET_FIXTURES: GOLDFISH_FIXTURES_DIR} : {};
}
