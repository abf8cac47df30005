// The formatters every page, the CLI and the benchmark report share: each keeps the exact text the pages showed
// before they were folded into one module.
import {describe, expect, test} from "vitest";
import {
  className,
  duration,
  megabytes,
  milliseconds,
  millions,
  percent,
  pointsChange,
  probability,
  ratio,
  seconds,
  share,
  siCount,
  wholePercent
} from "../../../src/components/core/format.ts";

describe("core/format", () => {
  test("sizes", () => {
    expect(megabytes(244_406_719)).toBe("244.4 MB");
    expect(megabytes(244_406_719, 0)).toBe("244 MB");
  });

  test("shares and probabilities", () => {
    expect(percent(0.719)).toBe("71.9%");
    expect(percent(0.72, 0)).toBe("72%");
    expect(share(0.293)).toBe("29.3%");
    expect(share(1)).toBe("100%");
    expect(probability(0.7194)).toBe("71.9%");
    expect(probability(0.00012)).toBe("0.012%");
    expect(wholePercent(36, 50)).toBe("72%");
  });

  test("accuracy changes in percentage points", () => {
    expect(pointsChange(33, 36, 50)).toBe("−6 pts");
    expect(pointsChange(40, 36, 50)).toBe("+8 pts");
    expect(pointsChange(36, 36, 50)).toBe("±0");
    expect(pointsChange(33, 36, 50, {words: true})).toBe("−6 percentage points");
    expect(pointsChange(36, 36, 50, {words: true})).toBe("no change");
  });

  test("times", () => {
    expect(duration(9.13)).toBe("9.1 ms");
    expect(duration(2480)).toBe("2.48 s");
    expect(duration(14_200)).toBe("14 s");
    expect(seconds(2480)).toBe("2.5 s");
    expect(milliseconds(12.34)).toBe("12.3 ms");
    expect(milliseconds(243.6)).toBe("244 ms");
    expect(milliseconds(47.6, 0)).toBe("48 ms");
  });

  test("counts, ratios and names", () => {
    expect(siCount(61_100_840)).toBe("61.1M");
    expect(siCount(23_296)).toBe("23.3k");
    expect(siCount(714_188_480_000)).toBe("714.19G");
    expect(siCount(64)).toBe("64");
    expect(millions(14_197_122)).toBe("14.2 M");
    expect(millions(1_281_167)).toBe("1.28 M");
    expect(millions(60_000)).toBe("60,000");
    expect(ratio(1.876)).toBe("1.88×");
    expect(ratio(undefined)).toBe("–");
    expect(className({names: ["goldfish", "Carassius auratus"]}, 1)).toBe("goldfish");
    expect(className(undefined, 7)).toBe("class 7");
  });
});
