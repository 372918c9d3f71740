/** Median and spread of repeated measurements. */
export interface Summary {
  runs: number;
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const round = (value: number) => Math.round(value * 10) / 10;
  return { runs: sorted.length, median: round(median), min: round(sorted[0]!), max: round(sorted[sorted.length - 1]!), samples: samples.map(round) };
}
