import { join, relative } from "node:path";
import { colours, escape, pageStyle } from "../html-common.js";
import type { Comparison, ScenarioComparison } from "./comparison.js";
import { changeText, msText, sideText, verdictText } from "./describe.js";

const changeColours = { same: colours.skipped, better: colours.passed, worse: colours.failed } as const;

/**
 * compare.html: one self-contained file (inline CSS, no script, no network) with, per scenario,
 * the verdicts, step changes, metrics and behaviour differences, linking each side's run reports
 * relative to `dir`, where the file is written.
 */
export function comparisonHtml(comparison: Comparison, dir: string): string {
  const { a, b } = comparison.sides;
  const side = (name: string, text: string) => `<span>${name} <b>${escape(text)}</b></span>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${escape(`compare ${a.label} → ${b.label}${comparison.regressed ? " — regressed" : ""}`)}</title>
<style>
${pageStyle}
.note{color:#57606a}table{margin:6px 0}tr.changed td{background:#fff8f8}
</style></head><body>
<h1>Behaviour diff <span class="badge" style="background:${comparison.regressed ? colours.failed : colours.passed}">${comparison.regressed ? "regressed" : "no regression"}</span></h1>
<p class="meta">${side("A", `${a.label} (${sideText(a)})`)}<br>${side("B", `${b.label} (${sideText(b)})`)}</p>
${comparison.notes.map((note) => `<p class="note">${escape(note)}</p>`).join("\n")}
${comparison.onlyInA.length ? `<p>Only in A: ${escape(comparison.onlyInA.join(", "))}</p>` : ""}
${comparison.onlyInB.length ? `<p>Only in B: ${escape(comparison.onlyInB.join(", "))}</p>` : ""}
${comparison.scenarios.map((scenario) => scenarioSection(scenario, dir)).join("\n")}
</body></html>
`;
}

function scenarioSection(scenario: ScenarioComparison, dir: string): string {
  const links = (runs: string[]) => runs.map((run, index) => `<a href="${escape(relative(dir, join(run, "report.html")))}">run ${index + 1}</a>`).join(" ");
  const { a, b } = scenario.verdicts;
  return `<h2>${escape(scenario.scenario)} <span class="badge" style="background:${changeColours[scenario.change]}">${scenario.change}</span></h2>
<p>A: ${escape(verdictText(a))} (${links(scenario.runs.a)}) → B: ${escape(verdictText(b))} (${links(scenario.runs.b)})</p>
${scenario.stepShape.map((note) => `<p class="note">Steps: ${escape(note)}</p>`).join("\n")}
${table(
  ["step", "A", "B"],
  scenario.steps.map((step) => ({ cells: [`${step.index + 1} ${step.step}`, step.a ?? "—", step.b ?? "—"].map(escape), changed: true })),
)}
${table(
  ["metric (median)", "A", "B", "change"],
  scenario.metrics.map((metric) => ({ cells: [metric.name, msText(metric.a), msText(metric.b), changeText(metric) || "within noise"].map(escape), changed: metric.changed })),
)}
${table(
  ["behaviour", "subject", "A", "B"],
  scenario.behaviour.map((difference) => ({
    cells: [
      escape(difference.kind),
      `${escape(difference.subject)}${difference.example ? `<br><code>${escape(difference.example)}</code>` : ""}`,
      escape(difference.a),
      escape(difference.b),
    ],
    changed: true,
  })),
)}`;
}

/** Rows of cells already escaped; changed rows tinted. */
function table(head: string[], rows: Array<{ cells: string[]; changed: boolean }>): string {
  if (rows.length === 0) return "";
  return `<table><tr>${head.map((name) => `<th>${escape(name)}</th>`).join("")}</tr>${rows
    .map((row) => `<tr${row.changed ? ' class="changed"' : ""}>${row.cells.map((cell) => `<td>${cell}</td>`).join("")}</tr>`)
    .join("")}</table>`;
}
