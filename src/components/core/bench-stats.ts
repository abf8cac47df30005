// Summaries of repeated timings (browser bench page and Node bench alike): median and spread, never a mean,
// because one slow run from a busy neighbour would skew it.

export interface Timing {
  median: number;
  min: number;
  max: number;
  /** Interquartile range, a spread that ignores one-off outliers. */
  iqr: number;
  runs: number;
  samples: number[];
}

function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

export function summarize(samples: readonly number[]): Timing {
  if (samples.length === 0) throw new Error("summarize: no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    iqr: quantile(sorted, 0.75) - quantile(sorted, 0.25),
    runs: sorted.length,
    samples: sorted.map((s) => Math.round(s * 100) / 100)
  };
}

/** Calls `step` `warmup` times untimed, then `runs` times timed (milliseconds). */
export async function timeRepeated(step: () => Promise<unknown>, {warmup, runs}: {warmup: number; runs: number}): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await step();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await step();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/**
 * Times several steps in turn (A, B, A, B, …) so that a burst of load from other programs hits all of them alike:
 * their ratio is then far steadier than timing all of A, then all of B. Returns one Timing per step.
 */
export async function timeAlternating(steps: readonly (() => Promise<unknown>)[], {warmup, runs}: {warmup: number; runs: number}): Promise<Timing[]> {
  for (let i = 0; i < warmup; i++) for (const step of steps) await step();
  const samples = steps.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [s, step] of steps.entries()) {
      const start = performance.now();
      await step();
      samples[s]!.push(performance.now() - start);
    }
  }
  return samples.map(summarize);
}
