import { bugOutcomeWords, versionsNote, type BugAtlas } from "./bug-atlas.js";
import { colours, escape, pageStyle, seconds } from "./html-common.js";
import type { SuiteCell, SuiteSummary } from "./suite-summary.js";

/** index.html of a suite: one row per scenario, one column per Receptor build, every run linked. */
export function suiteHtml(summary: SuiteSummary): string {
  const scenarios = [...new Set(summary.cells.map((cell) => cell.scenario))];
  const header = summary.builds.map((build) => `<th>Receptor ${escape(build)}</th>`).join("");
  const rows = scenarios.map((scenario) => {
    const cells = summary.builds.map((build) => {
      const cell = summary.cells.find((candidate) => candidate.scenario === scenario && candidate.build === build);
      return cell ? cellHtml(cell, summary) : "<td>—</td>";
    });
    return `<tr><td class="v">${escape(scenario)}</td>${cells.join("")}</tr>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>receptor-lab suite ${escape(summary.suiteId)}</title>
<style>
${pageStyle}
.cell{font-size:12px;color:#57606a}.runs a{margin-right:6px}
</style></head><body>
<h1>Suite ${escape(summary.suiteId)} <span class="badge" style="background:${colours[summary.verdict]}">${summary.verdict}</span></h1>
<p class="meta"><span>${summary.runs.length} runs</span><span>Receptor ${summary.builds.map(escape).join(", ")}</span><span>started ${escape(summary.startedAt)}</span><span>${seconds(summary.durationMs)} s${summary.quick ? " (quick)" : ""}</span></p>
<p class="meta">Each cell: passed runs, then medians over its runs — run duration, bring-up to converged routes, the slowest fault's convergence, the slowest unit's work convergence.</p>
<table><tr><th>scenario</th>${header}</tr>
${rows.join("\n")}
</table>
${summary.atlas ? atlasHtml(summary.atlas) : ""}
</body></html>
`;
}

function cellHtml(cell: SuiteCell, summary: SuiteSummary): string {
  const verdict = cell.failed > 0 ? "failed" : cell.inconclusive > 0 ? "inconclusive" : "passed";
  const runs = summary.runs.filter((run) => run.scenario === cell.scenario && run.receptorVersion === cell.build);
  const links = runs.map((run, index) => `<a href="${escape(run.report)}" style="color:${colours[run.verdict]}">${runs.length > 1 ? `#${index + 1}` : "report"}</a>`);
  const metrics = [
    `${seconds(cell.durationMs)} s`,
    `bring-up ${ms(cell.bringUpMs)}`,
    ...(cell.faultConvergedMs === null ? [] : [`faults ${ms(cell.faultConvergedMs)}`]),
    ...(cell.workConvergenceMs === null ? [] : [`work ${ms(cell.workConvergenceMs)}`]),
  ];
  return `<td><b style="color:${colours[verdict]}">${cell.passed}/${cell.runs} passed</b><div class="cell">${metrics.join(" · ")}</div><div class="runs">${links.join("")}</div></td>`;
}

const outcomeColours = { reproduced: "#8250df", "not-reproduced": "#0969da", inconclusive: colours.inconclusive };

/** Bug × build: what each build showed, what that rests on, and the runs behind it. */
function atlasHtml(atlas: BugAtlas): string {
  const header = atlas.builds.map((build) => `<th>Receptor ${escape(build)}</th>`).join("");
  const rows = atlas.bugs.map((bug) => {
    const cells = atlas.builds.map((build) => {
      const cell = atlas.cells.find((candidate) => candidate.issue === bug.issue && candidate.build === build);
      if (!cell) return "<td>—</td>";
      const links = cell.reports.map((report, index) => `<a href="${escape(report)}">${cell.reports.length > 1 ? `#${index + 1}` : "report"}</a>`).join("");
      const versions = cell.nodeVersions ? `<div class="cell">${escape(versionsNote(cell.nodeVersions))}</div>` : "";
      return `<td><b style="color:${outcomeColours[cell.outcome]}">${bugOutcomeWords[cell.outcome]}</b>${versions}<div class="cell">${escape(cell.restsOn)}</div><div class="runs">${links}</div></td>`;
    });
    const link = `<a href="https://github.com/ansible/receptor/issues/${bug.issue}">#${bug.issue}</a>`;
    return `<tr><td class="v">${link} ${escape(bug.title)}<div class="cell">${escape(bug.status)} — ${escape(bug.observable)}</div></td>${cells.join("")}</tr>`;
  });
  return `<h2>Bug atlas</h2>
<p class="meta">Each reported Receptor bug, run on each build: reproduced (its signature showed), not reproduced (the fix's showed) or inconclusive (neither, or the run failed before it could tell).</p>
<table><tr><th>bug</th>${header}</tr>
${rows.join("\n")}
</table>`;
}

function ms(value: number | null): string {
  return value === null ? "—" : value >= 1000 ? `${seconds(value)} s` : `${value} ms`;
}
