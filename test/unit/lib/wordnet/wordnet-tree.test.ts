// The WordNet tree above the 1000 classes: shape, the talk's path, the dog bulge, lowest common ancestors, search,
// and the Tiny ImageNet mapping.
import {beforeAll, describe, expect, it} from "vitest";
import {
  indexTree,
  lowestCommonAncestor,
  pathFromRoot,
  searchTree,
  type ImagenetClass,
  type WordnetTree
} from "../../../../src/components/core/wordnet-tree.ts";
import {loadSortedWnids} from "../../../../src/lib/tiny-imagenet.ts";
import {ancestorsOf, buildWordnetTree, ROOT_WNID} from "../../../../src/lib/wordnet/hierarchy.ts";
import {loadImagenetClasses} from "../../../../src/lib/wordnet/imagenet-classes.ts";
import {mapTinyImagenetClasses} from "../../../../src/lib/wordnet/tiny-imagenet-classes.ts";
import {loadNounDatabase, type NounDatabase} from "../../../../src/lib/wordnet/wndb.ts";

const HUSKY = "n02110185";
const GOLDFISH = "n01443537";
const DOG = "n02084071";

let db: NounDatabase;
let classes: ImagenetClass[];
let tree: WordnetTree;

beforeAll(async () => {
  db = await loadNounDatabase();
  classes = await loadImagenetClasses();
  tree = indexTree(buildWordnetTree(db, classes));
});

const names = (wnids: {names: string[]}[]) => wnids.map((node) => node.names[0]);

describe("the tree", () => {
  it("has one root, every class once, and every hypernym path's synsets", () => {
    const root = tree.byWnid.get(ROOT_WNID)!;
    expect(root.names).toEqual(["entity"]);
    expect(tree.nodes.filter((node) => node.parent === null)).toEqual([root]);
    expect(root.classCount).toBe(1000);
    expect(tree.nodes.filter((node) => node.classIndex !== null)).toHaveLength(1000);
    for (const {wnid} of classes) for (const ancestor of ancestorsOf(db, wnid)) expect(tree.byWnid.has(ancestor)).toBe(true);
    expect(tree.nodes.length).toBeGreaterThan(1800);
    expect(tree.nodes.length).toBeLessThan(1950);
  });

  it("keeps WordNet's first hypernym as parent and lists the others", () => {
    const dog = tree.byWnid.get(DOG)!;
    expect(names([tree.byWnid.get(dog.parent!)!])).toEqual(["canine"]);
    expect(dog.otherParents.map((wnid) => tree.byWnid.get(wnid)!.names[0])).toEqual(["domestic animal"]);
    for (const node of tree.nodes) {
      if (node.parent) expect(tree.byWnid.get(node.parent)!.children).toContain(node.wnid);
      expect(node.classCountAllPaths).toBeGreaterThanOrEqual(node.classCount);
    }
    const domestic = tree.byWnid.get(dog.otherParents[0])!;
    expect(domestic.classCountAllPaths).toBeGreaterThan(domestic.classCount);
  });

  it("walks the talk's path from entity to Siberian husky", () => {
    expect(names(pathFromRoot(tree, HUSKY))).toEqual([
      "entity", "physical entity", "object", "whole", "living thing", "organism", "animal", "chordate", "vertebrate",
      "mammal", "placental", "carnivore", "canine", "dog", "working dog", "sled dog", "Siberian husky"
    ]);
    expect(tree.byWnid.get(HUSKY)!.depth).toBe(16);
  });

  it("puts the 118 dog classes, indices 151-268, under dog", () => {
    const underDog = classes.filter(({wnid}) => pathFromRoot(tree, wnid).some((node) => node.wnid === DOG)).map((c) => c.index);
    expect(underDog).toEqual(Array.from({length: 118}, (_, i) => 151 + i));
    expect(tree.byWnid.get(DOG)!.classCount).toBe(118);
  });

  it("is 18 levels deep at its deepest", () => {
    expect(Math.max(...tree.nodes.map((node) => node.depth))).toBe(18);
  });
});

describe("lowestCommonAncestor", () => {
  it("finds the shared ancestor and the tree distance", () => {
    const malamute = "n02110063";
    expect(lowestCommonAncestor(tree, HUSKY, malamute)).toMatchObject({ancestor: {names: ["sled dog", "sledge dog"]}, distance: 2});
    const fish = lowestCommonAncestor(tree, GOLDFISH, "n01440764");
    expect(fish.ancestor.names[0]).toBe("cyprinid");
    expect(fish.distance).toBe(2);
    const far = lowestCommonAncestor(tree, HUSKY, GOLDFISH);
    expect(far.ancestor.names[0]).toBe("vertebrate");
    expect(far.distance).toBe(pathFromRoot(tree, HUSKY).length - 9 + pathFromRoot(tree, GOLDFISH).length - 9);
  });

  it("handles a node and its ancestor, a node with itself, and unknown ids", () => {
    expect(lowestCommonAncestor(tree, HUSKY, DOG)).toMatchObject({ancestor: {wnid: DOG}, distance: 3});
    expect(lowestCommonAncestor(tree, HUSKY, HUSKY)).toMatchObject({ancestor: {wnid: HUSKY}, distance: 0});
    expect(() => lowestCommonAncestor(tree, HUSKY, "n99999999")).toThrow(/unknown synset n99999999/);
  });
});

describe("searchTree", () => {
  it("finds classes by any synonym, best matches first", () => {
    expect(searchTree(tree, "husky").map((hit) => hit.node.names[0])).toContain("Siberian husky");
    expect(searchTree(tree, "Canis familiaris")[0].node.wnid).toBe(DOG);
    expect(searchTree(tree, "toilet paper")[0].node.classIndex).toBe(999);
    expect(searchTree(tree, "  ")).toEqual([]);
    expect(searchTree(tree, "xyzzy")).toEqual([]);
  });
});

describe("Tiny ImageNet classes", () => {
  it("maps all 200 to the same ImageNet synset, goldfish (label 0) to index 1", async () => {
    const mapped = mapTinyImagenetClasses(db, await loadSortedWnids(), classes);
    expect(mapped).toHaveLength(200);
    expect(mapped[0]).toMatchObject({label: 0, wnid: GOLDFISH, names: ["goldfish", "Carassius auratus"], relation: "same", imagenet: [1]});
    expect(mapped.every((c) => c.relation === "same" && classes[c.imagenet[0]].wnid === c.wnid)).toBe(true);
  });

  it("relates synsets outside the 1000 as broader, narrower or none", () => {
    const happiness = db.byLemma.get("happiness")![0];
    const narrower = [...db.synsets.values()].find(
      (s) => !classes.some((c) => c.wnid === s.wnid) && s.hypernyms.some((h) => h === HUSKY || classes.some((c) => c.wnid === h))
    )!;
    const mapped = mapTinyImagenetClasses(db, [DOG, narrower.wnid, happiness], classes);
    expect(mapped[0]).toMatchObject({relation: "broader", imagenet: Array.from({length: 118}, (_, i) => 151 + i)});
    expect(mapped[1].relation).toBe("narrower");
    expect(mapped[1].imagenet.length).toBeGreaterThan(0);
    expect(mapped[2]).toMatchObject({relation: "none", imagenet: []});
  });
});
