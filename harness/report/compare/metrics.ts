import type { RunDocument } from "../run-document.js";
import type { MetricDelta } from "./comparison.js";
import { median } from "../statistics.js";
import { faultName } from "./fault-name.js";

/** A difference of medians within this many ms is never a change. */
const floorMs = 250;
/** ...nor within this share of A's median. */
const shareOfMedian = 0.25;

interface Sample {
  key: string;
  name: string;
  value: number | null;
}

/** Bring-up, each fault's route change and convergence, each unit's work convergence, the run's duration. */
function samples(document: RunDocument): Sample[] {
  const { bringUpMs, faults, workConvergenceMs } = document.metrics;
  return [
    { key: "bring-up", name: "bring-up", value: bringUpMs },
    ...faults.flatMap((fault, index) => [
      { key: `fault ${index} route`, name: `${faultName(index, fault)}: first route change`, value: fault.routeChangeMs },
      { key: `fault ${index} converged`, name: `${faultName(index, fault)}: converged`, value: fault.convergedMs },
    ]),
    ...Object.entries(workConvergenceMs ?? {}).map(([alias, value]) => ({ key: `unit ${alias}`, name: `unit ${alias}: work converged`, value })),
    { key: "duration", name: "run duration", value: document.durationMs },
  ];
}

/** Each metric either side has a value for, with medians and whether they moved beyond the noise band. */
export function metricDeltas(a: RunDocument[], b: RunDocument[]): MetricDelta[] {
  const metrics = new Map<string, { name: string; a: number[]; b: number[] }>();
  const collect = (documents: RunDocument[], side: "a" | "b") => {
    for (const sample of documents.flatMap(samples)) {
      const metric = metrics.get(sample.key) ?? { name: sample.name, a: [], b: [] };
      metrics.set(sample.key, metric);
      if (sample.value !== null) metric[side].push(sample.value);
    }
  };
  collect(a, "a");
  collect(b, "b");
  return [...metrics.values()].filter((metric) => metric.a.length + metric.b.length > 0).map((metric) => delta(metric.name, metric.a, metric.b));
}

function delta(name: string, a: number[], b: number[]): MetricDelta {
  const [medianA, medianB] = [median(a), median(b)];
  if (medianA === null) return { name, a: null, b: medianB, noiseMs: null, changed: true, direction: "no value in A" };
  if (medianB === null) return { name, a: medianA, b: null, noiseMs: null, changed: true, direction: "no value in B" };
  const noiseMs = Math.max(range(a), range(b), shareOfMedian * Math.abs(medianA), floorMs);
  const changed = Math.abs(medianB - medianA) > noiseMs;
  return { name, a: medianA, b: medianB, noiseMs, changed, direction: changed ? (medianB > medianA ? "slower" : "faster") : null };
}

function range(values: number[]): number {
  return Math.max(...values) - Math.min(...values);
}
