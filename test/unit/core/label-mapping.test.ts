// The 200→1000 label mapping as the goldfish page uses it: dataset label 0 is goldfish, which is AlexNet's
// output 1 (not 0, the tench); and classes that are not among the 1000 are scored explicitly, never as plain misses.
import {beforeAll, describe, expect, test} from "vitest";
import {accuracy, scoreAll, scoreImage, type ClassMapping, type ImagePrediction} from "../../../src/components/core/evaluation-metrics.ts";
import {evaluationContext} from "../../../src/lib/evaluation-context.ts";
import {GOLDFISH_WNID, loadSortedWnids} from "../../../src/lib/tiny-imagenet.ts";
import {ancestorsOf} from "../../../src/lib/wordnet/hierarchy.ts";
import {loadImagenetClasses} from "../../../src/lib/wordnet/imagenet-classes.ts";
import {mapTinyImagenetClasses} from "../../../src/lib/wordnet/tiny-imagenet-classes.ts";
import {loadNounDatabase, type NounDatabase} from "../../../src/lib/wordnet/wndb.ts";

const prediction = (label: number, top5: number[], id = "img"): ImagePrediction => ({id, label, top5, top5Probabilities: top5.map(() => 0.2)});

let context: Awaited<ReturnType<typeof evaluationContext>>;
let db: NounDatabase;
beforeAll(async () => {
  context = await evaluationContext(await loadSortedWnids());
  db = await loadNounDatabase();
});

describe("Tiny ImageNet label → ImageNet-1k output", () => {
  test("label 0 is goldfish, which is AlexNet's index 1", () => {
    const goldfish = context.mappings[0]!;
    expect(goldfish).toMatchObject({label: 0, wnid: GOLDFISH_WNID, relation: "same", imagenetIndices: [1]});
    expect(context.className(1)).toBe("goldfish");
    expect(context.classWnid(0)).toBe("n01440764"); // index 0 is the tench
  });

  test("comparing raw numbers is the talk's trap: output 0 is a tench, output 1 is right", () => {
    expect(scoreImage(prediction(0, [1, 0, 2, 3, 4]), context.mappings[0]).top1Correct).toBe(true);
    expect(scoreImage(prediction(0, [0, 1, 2, 3, 4]), context.mappings[0])).toMatchObject({top1Correct: false, top5Correct: true});
    expect(scoreImage(prediction(0, [0, 2, 3, 4, 5]), context.mappings[0]).top5Correct).toBe(false);
  });

  test("every one of the 200 classes is its own synset among the 1000, each a different output", () => {
    expect(context.mappings).toHaveLength(200);
    expect(context.mappings.map((m) => m.label)).toEqual([...Array(200).keys()]);
    expect(context.mappingSummary.counts).toEqual({same: 200, broader: 0, narrower: 0, none: 0});
    for (const mapping of context.mappings) expect(context.classWnid(mapping.imagenetIndices[0]!)).toBe(mapping.wnid);
    expect(new Set(context.mappings.map((m) => m.imagenetIndices[0])).size).toBe(200);
  });
});

describe("classes outside the 1000", () => {
  test("a broader class accepts any of its classes among the 1000; a narrower one its class above; none is left out", async () => {
    const classes = await loadImagenetClasses();
    const inThousand = new Set(classes.map((c) => c.wnid));
    // Narrower: a synset directly below one of the 1000 that is not itself a class.
    const narrower = [...db.synsets.values()].find((s) => !inThousand.has(s.wnid) && s.hypernyms.some((h) => inThousand.has(h)))!;
    // None: a synset with no class on its hypernym paths and no class below it (an abstract noun).
    const ancestorsOfClasses = new Set(classes.flatMap((c) => [...ancestorsOf(db, c.wnid)]));
    const none = [...db.synsets.values()].find((s) => !ancestorsOfClasses.has(s.wnid) && ![...ancestorsOf(db, s.wnid)].some((a) => inThousand.has(a)) && !inThousand.has(s.wnid))!;
    const dog = "n02084071";
    const wnids = [dog, narrower.wnid, none.wnid].sort();
    const mapped = mapTinyImagenetClasses(db, wnids, classes);
    const byWnid = new Map(mapped.map((m) => [m.wnid, m]));
    expect(byWnid.get(dog)!.relation).toBe("broader");
    expect(byWnid.get(dog)!.imagenet).toHaveLength(118); // the dog bulge: indices 151–268
    expect(byWnid.get(narrower.wnid)).toMatchObject({relation: "narrower"});
    expect(byWnid.get(none.wnid)).toMatchObject({relation: "none", imagenet: []});

    const mappings: ClassMapping[] = mapped.map((m) => ({label: m.label, wnid: m.wnid, name: m.names[0]!, relation: m.relation, imagenetIndices: m.imagenet}));
    const dogLabel = byWnid.get(dog)!.label, noneLabel = byWnid.get(none.wnid)!.label, narrowerLabel = byWnid.get(narrower.wnid)!.label;
    const husky = classes.findIndex((c) => c.wnid === "n02110185");
    const scores = scoreAll(
      [
        prediction(dogLabel, [husky, 0, 2, 3, 4], "any dog breed is a dog"),
        prediction(dogLabel, [1, 0, 2, 3, 4], "goldfish is not a dog"),
        prediction(narrowerLabel, [byWnid.get(narrower.wnid)!.imagenet[0]!, 0, 2, 3, 4], "the class above counts"),
        prediction(noneLabel, [1, 0, 2, 3, 4], "no counterpart")
      ],
      mappings
    );
    expect(scores.map((s) => [s.scored, s.top1Correct])).toEqual([
      [true, true],
      [true, false],
      [true, true],
      [false, false]
    ]);
    expect(accuracy(scores)).toMatchObject({scored: 3, unscored: 1, top1Correct: 2});
  });

  test("a label without any mapping is an error, not a silent miss", () => {
    expect(() => scoreAll([prediction(7, [1, 2, 3, 4, 5])], context.mappings.slice(0, 5))).toThrow(/label 7 has no class mapping/);
  });
});
