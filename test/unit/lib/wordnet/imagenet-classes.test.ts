// The derived ImageNet-1k class list against independent facts, and the derivation rules on small made-up cases.
import {existsSync, readFileSync} from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import {
  deriveImagenetClasses,
  loadDerivedImagenetClasses,
  loadPackagedLabels,
  resolveIncreasing,
  validateImagenetClasses,
  type DerivedClasses
} from "../../../../src/lib/wordnet/imagenet-classes.ts";
import {loadNounDatabase, type NounDatabase} from "../../../../src/lib/wordnet/wndb.ts";
import {IMAGENET_ANSWER_KEY} from "../../../support/shared-data.ts";

// Answer key for tests only (ILSVRC-2012 synset list); the product never reads it.
const ANSWER_KEY = IMAGENET_ANSWER_KEY;

let derived: DerivedClasses;
let db: NounDatabase;

beforeAll(async () => {
  db = await loadNounDatabase();
  derived = await loadDerivedImagenetClasses();
});

describe("ImageNet-1k classes derived from WordNet 3.0", () => {
  it("places the well-known classes at their torchvision indices", () => {
    const at = (i: number) => derived.classes[i];
    expect(at(0)).toMatchObject({index: 0, wnid: "n01440764", names: ["tench", "Tinca tinca"]});
    expect(at(1)).toMatchObject({index: 1, wnid: "n01443537", names: ["goldfish", "Carassius auratus"]});
    expect(at(250)).toMatchObject({index: 250, wnid: "n02110185", names: ["Siberian husky"]});
    expect(at(999)).toMatchObject({index: 999, wnid: "n15075141", names: ["toilet tissue", "toilet paper", "bathroom tissue"]});
    expect(at(1).gloss).toMatch(/small golden or orange-red freshwater fishes/);
  });

  it("resolves names shared by several synsets", () => {
    const wnidOf = (i: number) => derived.classes[i].wnid;
    expect([wnidOf(134), wnidOf(517)]).toEqual(["n02012849", "n03126707"]); // crane: the bird, the machine
    expect([wnidOf(638), wnidOf(639)]).toEqual(["n03710637", "n03710721"]); // maillot; maillot, tank suit
    expect(wnidOf(21)).toBe("n01608432"); // kite, the bird of prey
    expect(wnidOf(8)).toBe("n01514859"); // hen, the bird
    expect([wnidOf(264), wnidOf(474)]).toEqual(["n02113186", "n02963159"]); // Cardigan (corgi), cardigan (sweater)
    expect([wnidOf(836), wnidOf(837)]).toEqual(["n04355933", "n04356056"]); // sunglass, sunglasses
    expect(wnidOf(456)).toBe("n02879718"); // bow: the weapon (needs a sense hint)
    expect(wnidOf(471)).toBe("n02950826"); // cannon: the tank gun (needs a sense hint)
    expect(wnidOf(102)).toBe("n01872401"); // echidna: the Australian one of two identical synsets
  });

  it("fixes the one misspelt label by evidence and says so", () => {
    expect(derived.classes[107]).toMatchObject({wnid: "n01910747", names: ["jellyfish"]});
    const spelling = derived.corrections.filter((c) => c.reason === "spelling");
    expect(spelling.map((c) => [c.index, c.label])).toEqual([[107, "jelly fish"]]);
  });

  it("has 118 dog classes at 151-268", () => {
    expect(derived.classes[151].names[0]).toBe("Chihuahua");
    expect(derived.classes[268].names[0]).toBe("Mexican hairless");
  });

  it("matches the ILSVRC-2012 synset list at every index", (context) => {
    if (!existsSync(ANSWER_KEY)) {
      context.skip(`answer key ${ANSWER_KEY} not present`);
      return;
    }
    const key = readFileSync(ANSWER_KEY, "utf8").trim().split("\n").map((line) => line.split(" ")[0]);
    expect(derived.classes.map((c) => c.wnid)).toEqual(key);
  });

  it("passes its own validation and fails on a broken list", () => {
    expect(() => validateImagenetClasses(derived.classes, db)).not.toThrow();
    const swapped = derived.classes.map((c) => ({...c}));
    [swapped[3], swapped[4]] = [{...swapped[4], index: 3}, {...swapped[3], index: 4}];
    expect(() => validateImagenetClasses(swapped, db)).toThrow(/not strictly increasing at 4/);
    const renamed = derived.classes.map((c) => ({...c}));
    renamed[5] = {...renamed[5], names: ["electric eel"]};
    expect(() => validateImagenetClasses(renamed, db)).toThrow(/differ from its WordNet lemmas/);
    expect(() => validateImagenetClasses(derived.classes.slice(1), db)).toThrow(/expected 1000/);
  });

  it("rejects a label list with an unknown name", () => {
    const labels = loadPackagedLabels();
    labels[5] = "flux capacitor";
    expect(() => deriveImagenetClasses(db, labels)).toThrow(/"flux capacitor" \(index 5\) matches no WordNet 3.0 noun synset/);
  });
});

describe("resolveIncreasing", () => {
  it("takes the only strictly increasing choice", () => {
    expect(resolveIncreasing([["n1", "n5"], ["n2", "n6"], ["n3"]]).wnids).toEqual(["n1", "n2", "n3"]);
    expect(resolveIncreasing([["n1"], ["n0", "n2"], ["n3"]]).wnids).toEqual(["n1", "n2", "n3"]);
  });

  it("refuses to guess when the order leaves a choice", () => {
    expect(() => resolveIncreasing([["n1"], ["n2", "n3"], ["n4"]])).toThrow(/index 1 could be any of n2, n3/);
  });

  it("uses the tie break only where needed, and fails when nothing fits", () => {
    const result = resolveIncreasing([["n1"], ["n2", "n3"], ["n4"]], (_i, options) => options[1]);
    expect(result).toEqual({wnids: ["n1", "n3", "n4"], ties: [1]});
    expect(() => resolveIncreasing([["n5"], ["n2"]])).toThrow(/keeps the order/);
  });
});
