import {describe, expect, test} from "vitest";
import {calendarSeconds, effortSeconds, formatDuration, splitDuration, SECONDS_PER_YEAR} from "../../../src/components/story/labelling.ts";

describe("labelling calculator", () => {
  test("12 million images at one per minute, non-stop: 22 years 10 months (the talk's figure)", () => {
    const seconds = calendarSeconds({images: 12_000_000, secondsPerLabel: 60});
    expect(seconds).toBe(720_000_000);
    expect(seconds / SECONDS_PER_YEAR).toBeCloseTo(22.815, 3);
    expect(formatDuration(seconds)).toBe("22 years 10 months");
    expect(splitDuration(seconds)).toMatchObject({years: 22, months: 9});
  });

  test("workers split the work evenly", () => {
    const job = {images: 12_000_000, secondsPerLabel: 60};
    expect(calendarSeconds({...job, workers: 1000})).toBe(720_000);
    expect(formatDuration(calendarSeconds({...job, workers: 1000}))).toBe("8 days 8 hours");
    expect(formatDuration(calendarSeconds({...job, workers: 10}))).toBe("2 years 3 months");
  });

  test("several labels per image and shorter days stretch the calendar", () => {
    const base = {images: 1_000, secondsPerLabel: 36};
    expect(effortSeconds({...base, labelsPerImage: 3})).toBe(108_000);
    expect(calendarSeconds({...base, labelsPerImage: 3, hoursPerDay: 8})).toBe(324_000);
  });

  test("bad input gets a clear message", () => {
    expect(() => calendarSeconds({images: 0, secondsPerLabel: 60})).toThrow(/images must be a positive number/);
    expect(() => calendarSeconds({images: 10, secondsPerLabel: Number.NaN})).toThrow(/seconds per label/);
    expect(() => calendarSeconds({images: 10, secondsPerLabel: 1, hoursPerDay: 25})).toThrow(/cannot exceed 24/);
  });

  test("formatDuration: small spans and carrying a rounded-up unit", () => {
    expect(formatDuration(0)).toBe("0 seconds");
    expect(formatDuration(59)).toBe("59 seconds");
    expect(formatDuration(3600)).toBe("1 hour");
    expect(formatDuration(90 * 60)).toBe("1 hour 30 minutes");
    expect(formatDuration(SECONDS_PER_YEAR * 1.99)).toBe("2 years");
  });
});
