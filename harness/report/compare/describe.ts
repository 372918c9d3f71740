import { formatDuration } from "../../duration.js";
import type { ComparedSide, MetricDelta, VerdictCount } from "./comparison.js";

/** "passed" for one run, "2/3 passed, worst failed" for several. */
export function verdictText(count: VerdictCount): string {
  if (count.runs === 1) return count.worst;
  return `${count.passed}/${count.runs} passed${count.passed < count.runs ? `, worst ${count.worst}` : ""}`;
}

export function sideText(side: ComparedSide): string {
  return `${side.runs} run${side.runs === 1 ? "" : "s"}, Receptor ${side.builds.join(", ") || "?"}`;
}

export function msText(ms: number | null): string {
  return ms === null ? "—" : formatDuration(ms);
}

/** "+1.2 s slower (noise ±0.3 s)", "no value in B", or "" when within the noise band. */
export function changeText(metric: MetricDelta): string {
  if (metric.a === null || metric.b === null) return metric.direction ?? "";
  if (!metric.changed) return "";
  const delta = metric.b - metric.a;
  return `${delta > 0 ? "+" : "−"}${formatDuration(Math.abs(delta))} ${metric.direction} (noise ±${msText(metric.noiseMs)})`;
}
