import {describe, expect, test} from "vitest";
import {ALEXNET_INGREDIENTS, DATASETS, ILSVRC_WINNERS, RUNNER_UP_2012, SOURCES} from "../../../src/components/story/history-data.ts";
import {alexnetLead} from "../../../src/components/story/ilsvrc.ts";
import {millions as compact} from "../../../src/components/core/format.ts";

describe("story data", () => {

  test("ILSVRC winners 2010–2017 fall every year; AlexNet's lead over the runner-up is 10.9 points", () => {
    expect(ILSVRC_WINNERS.map((w) => w.year)).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017]);
    for (let i = 1; i < ILSVRC_WINNERS.length; i++) expect(ILSVRC_WINNERS[i]!.top5).toBeLessThan(ILSVRC_WINNERS[i - 1]!.top5);
    expect(RUNNER_UP_2012.top5).toBe(26.2);
    expect(alexnetLead()).toBe(10.9);
  });

  test("every figure names a source with an https or http URL", () => {
    const used = [...ILSVRC_WINNERS, ...DATASETS, ...ALEXNET_INGREDIENTS].map((d) => d.source);
    for (const id of used) expect(SOURCES[id].url).toMatch(/^https?:\/\//);
  });

  test("compact labels", () => {
    expect(compact(14_197_122)).toBe("14.2 M");
    expect(compact(1_281_167)).toBe("1.28 M");
    expect(compact(60_000)).toBe("60,000");
  });
});
