// Scoring helpers of the goldfish page: lowest-common-ancestor grouping of mistakes (with the real WordNet tree),
// accuracy at coarser levels, per-class accuracy, run agreement, and the small-sample interval.
import {beforeAll, describe, expect, test} from "vitest";
import {
  accuracy,
  coarseAccuracy,
  compareRuns,
  groupMistakesByAncestor,
  perClassAccuracy,
  scoreAll,
  wilsonInterval,
  type ImagePrediction
} from "../../../src/components/core/evaluation-metrics.ts";
import {evaluationContext} from "../../../src/lib/evaluation-context.ts";
import {loadSortedWnids} from "../../../src/lib/tiny-imagenet.ts";

let context: Awaited<ReturnType<typeof evaluationContext>>;
const index = (wnid: string) => context.classes.findIndex((c) => c.wnid === wnid);
const guess = (id: string, label: number, top1: number, rest = [997, 998, 999, 996]): ImagePrediction => ({id, label, top5: [top1, ...rest], top5Probabilities: [0.5, 0.1, 0.1, 0.1, 0.1]});

beforeAll(async () => {
  context = await evaluationContext(await loadSortedWnids());
});

describe("mistakes grouped by lowest common ancestor", () => {
  test("tench is a near miss (cyprinid), a Shih-Tzu shares only vertebrate, a jug only whole", () => {
    const predictions = [
      guess("a", 0, index("n01440764")), // tench
      guess("b", 0, index("n02086240")), // Shih-Tzu
      guess("c", 0, index("n02086240")),
      guess("d", 0, 1), // right
      guess("e", 0, index("n04579145")) // whiskey jug
    ];
    const scores = scoreAll(predictions, context.mappings);
    const groups = groupMistakesByAncestor(scores, context.mappings, context.classWnid, context.ancestorOf);
    expect(groups.map((g) => [g.ancestorName, g.count, g.examples])).toEqual([
      ["vertebrate", 2, ["b", "c"]],
      ["cyprinid", 1, ["a"]],
      ["whole", 1, ["e"]]
    ]);
    expect(groups.find((g) => g.ancestorName === "cyprinid")!.meanDistance).toBe(2);
    expect(groups.find((g) => g.ancestorName === "vertebrate")!.meanDistance).toBe(15);
  });

  test("right at a coarser level: a wrong dog breed is still a dog", () => {
    const huskyLabel = context.mappings.find((m) => context.classWnid(m.imagenetIndices[0]!) === "n02099601")?.label; // golden retriever
    expect(huskyLabel).toBeDefined();
    const scores = scoreAll(
      [guess("x", huskyLabel!, index("n02110185")), guess("y", huskyLabel!, index("n02099601")), guess("z", huskyLabel!, 1)],
      context.mappings
    );
    const [dog] = coarseAccuracy(scores, context.mappings, [{wnid: "n02084071", name: "dog"}], context.classWnid, context.isUnder);
    expect(dog).toEqual({wnid: "n02084071", name: "dog", images: 3, rightAtLevel: 2, exact: 1});
  });
});

describe("accuracy, per class and agreement", () => {
  test("per-class rows in label order, with top-1 and top-5", () => {
    const scores = scoreAll([guess("a", 0, 1), guess("b", 0, 0, [1, 2, 3, 4]), guess("c", 3, 5)], context.mappings);
    expect(accuracy(scores)).toMatchObject({scored: 3, top1Correct: 1, top5Correct: 2});
    const rows = perClassAccuracy(scores, context.mappings);
    expect(rows.map((r) => [r.label, r.name, r.scored, r.top1Correct, r.top5Correct])).toEqual([
      [0, "goldfish", 2, 1, 2],
      [3, context.mappings[3]!.name, 1, 0, 0]
    ]);
  });

  test("two runs are compared image by image, by id", () => {
    const build = [guess("a", 0, 1), guess("b", 0, 5), guess("c", 0, 7)];
    const live = [{...guess("c", 0, 7), top5Probabilities: [0.5000001, 0.1, 0.1, 0.1, 0.1]}, guess("a", 0, 1), guess("b", 0, 6)];
    const agreement = compareRuns(build, live);
    expect(agreement).toMatchObject({compared: 3, sameTop1: 2, sameTop5: 2, differing: ["b"]});
    expect(agreement.maxProbabilityDifference).toBeCloseTo(1e-7, 9);
  });

  test("Wilson interval for 36 of 50", () => {
    const [low, high] = wilsonInterval(36, 50);
    expect(low).toBeCloseTo(0.5833, 3);
    expect(high).toBeCloseTo(0.8253, 3);
    expect(wilsonInterval(0, 50)[0]).toBe(0);
  });
});
