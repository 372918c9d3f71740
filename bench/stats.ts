import { median } from "../harness/report/statistics.js";

/** Median and spread of repeated measurements. */
export interface Summary {
  runs: number;
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function summarize(samples: number[]): Summary {
  const round = (value: number) => Math.round(value * 10) / 10;
  return { runs: samples.length, median: round(median(samples)!), min: round(Math.min(...samples)), max: round(Math.max(...samples)), samples: samples.map(round) };
}
