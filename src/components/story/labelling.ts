// The labelling calculator's arithmetic: how long would it take to label ImageNet by hand?

export interface LabellingJob {
  images: number;
  secondsPerLabel: number;
  /** Independent labels collected per image (ImageNet asked several workers and took a consensus). */
  labelsPerImage?: number;
  workers?: number;
  /** Hours each worker labels per day; 24 is the talk's "no food, no sleep" thought experiment. */
  hoursPerDay?: number;
}

export const SECONDS_PER_DAY = 86_400;
/** A Julian year (365.25 days), so leap years are averaged in. */
export const SECONDS_PER_YEAR = 365.25 * SECONDS_PER_DAY;
export const SECONDS_PER_MONTH = SECONDS_PER_YEAR / 12;

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}

/** Total labelling effort in working seconds, regardless of how it is spread over people and days. */
export function effortSeconds({images, secondsPerLabel, labelsPerImage = 1}: LabellingJob): number {
  return positive("images", images) * positive("seconds per label", secondsPerLabel) * positive("labels per image", labelsPerImage);
}

/** Calendar time until the job is done, with the work split evenly across workers. */
export function calendarSeconds(job: LabellingJob): number {
  const workers = Math.floor(positive("workers", job.workers ?? 1));
  const hoursPerDay = positive("hours per day", job.hoursPerDay ?? 24);
  if (hoursPerDay > 24) throw new RangeError(`hours per day cannot exceed 24, got ${hoursPerDay}`);
  return (effortSeconds(job) / Math.max(1, workers)) * (24 / hoursPerDay);
}

export interface Duration {
  years: number;
  months: number;
  days: number;
  hours: number;
  minutes: number;
}

/** Splits a span into calendar-style parts (Julian years, twelfths of a year, days, hours, minutes), rounding down. */
export function splitDuration(seconds: number): Duration {
  let rest = Math.max(0, seconds);
  const years = Math.floor(rest / SECONDS_PER_YEAR);
  rest -= years * SECONDS_PER_YEAR;
  const months = Math.floor(rest / SECONDS_PER_MONTH);
  rest -= months * SECONDS_PER_MONTH;
  const days = Math.floor(rest / SECONDS_PER_DAY);
  rest -= days * SECONDS_PER_DAY;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  return {years, months, days, hours, minutes: Math.floor(rest / 60)};
}

function plural(n: number, unit: string): string {
  return `${n.toLocaleString("en-US")} ${unit}${n === 1 ? "" : "s"}`;
}

/**
 * A human reading of a span with the two largest units, the smaller one rounded to nearest
 * (7.2e8 s → "22 years 10 months": 22.815 years, and 0.815 × 12 = 9.8 months).
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`cannot format a duration of ${seconds} s`);
  const units: Array<[string, number]> = [
    ["year", SECONDS_PER_YEAR],
    ["month", SECONDS_PER_MONTH],
    ["day", SECONDS_PER_DAY],
    ["hour", 3600],
    ["minute", 60],
    ["second", 1]
  ];
  const top = units.findIndex(([, size]) => seconds >= size);
  if (top === -1) return plural(Math.round(seconds), "second");
  const [bigUnit, bigSize] = units[top]!;
  let big = Math.floor(seconds / bigSize);
  const next = units[top + 1];
  if (!next) return plural(big, bigUnit);
  const [smallUnit, smallSize] = next;
  let small = Math.round((seconds - big * bigSize) / smallSize);
  // Rounding can fill the larger unit (e.g. 11.7 months → 12): carry it over.
  const perBig = Math.round(bigSize / smallSize);
  if (small >= perBig) {
    big += 1;
    small = 0;
  }
  return small === 0 ? plural(big, bigUnit) : `${plural(big, bigUnit)} ${plural(small, smallUnit)}`;
}
