// How numbers and names read on every page, in the CLI and in the benchmark report: one formatter per kind
// of quantity, so the same figure is never written two ways.

/** Bytes as decimal megabytes, as download sizes are quoted: 244406719 → "244.4 MB". */
export function megabytes(bytes: number, digits = 1): string {
  return `${(bytes / 1e6).toFixed(digits)} MB`;
}

/** A fraction as a percentage with fixed decimals: 0.719 → "71.9%". */
export function percent(fraction: number, digits = 1): string {
  return `${(100 * fraction).toFixed(digits)}%`;
}

/** A share that is usually below one: one decimal, none for the whole (0.293 → "29.3%", 1 → "100%"). */
export function share(fraction: number): string {
  return percent(fraction, fraction < 0.999 ? 1 : 0);
}

/** A probability: more decimals where a small one would otherwise read as zero. */
export function probability(p: number, {small = 0.001, digits = 1}: {small?: number; digits?: number} = {}): string {
  return percent(p, p < small ? digits + 2 : digits);
}

/** A probability at a glance: whole percent, one decimal below 10%, where a whole number would hide how unsure it is. */
export function roughProbability(p: number): string {
  return percent(p, p < 0.1 ? 1 : 0);
}

/** A part of a whole, rounded to a whole percentage: (36, 50) → "72%". */
export function wholePercent(part: number, total: number): string {
  return `${Math.round((100 * part) / total)}%`;
}

/**
 * How far an accuracy moved, in whole percentage points of `total`: (33, 36, 50) → "−6 pts", or in words
 * ("−6 percentage points", "no change"); an unchanged one reads "±0" in tables.
 */
export function pointsChange(part: number, baseline: number, total: number, {words = false}: {words?: boolean} = {}): string {
  const delta = Math.round((100 * (part - baseline)) / total);
  if (delta === 0) return words ? "no change" : "±0";
  return `${delta > 0 ? "+" : "−"}${Math.abs(delta)} ${words ? "percentage points" : "pts"}`;
}

/** A duration given in milliseconds, in the unit that reads best: "9.1 ms", "2.48 s", "14 s". */
export function duration(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(0)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(1)} ms`;
}

/** Always in milliseconds, by default one decimal below 100: 12.34 → "12.3 ms", 243.6 → "244 ms". */
export function milliseconds(ms: number, digits = ms < 100 ? 1 : 0): string {
  return `${ms.toFixed(digits)} ms`;
}

/** Milliseconds as seconds with fixed decimals: 2480 → "2.5 s". */
export function seconds(ms: number, digits = 1): string {
  return `${(ms / 1000).toFixed(digits)} s`;
}

/** Large counts with SI suffixes for tight labels: 61100840 → "61.1M", 23296 → "23.3k". */
export function siCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

/** Millions with three significant digits, the full number below a million: 14197122 → "14.2 M", 60000 → "60,000". */
export function millions(n: number): string {
  if (n >= 1e6) return `${Number((n / 1e6).toFixed(n >= 1e7 ? 1 : 2))} M`;
  return n.toLocaleString("en-US");
}

/** A ratio: 1.876 → "1.88×"; "–" when it could not be measured. */
export function ratio(x: number | undefined): string {
  return x === undefined ? "–" : `${x.toFixed(2)}×`;
}

/** The name a reader knows a class by: its first WordNet lemma, or its index when the list lacks it. */
export function className(cls: {names: readonly string[]} | undefined, index: number): string {
  return cls?.names[0] ?? `class ${index}`;
}
