import { relative } from "node:path";
import { colours, escape, pageStyle, seconds } from "../report/html-common.js";
import type { ChaosReport } from "./chaos-run.js";
import type { InvariantVerdict } from "./chaos-invariants.js";
import { describeFault } from "./fault-schedule.js";

const verdictColours: Record<InvariantVerdict | ChaosReport["judgement"]["verdict"], string> = {
  held: colours.passed,
  passed: colours.passed,
  violated: colours.failed,
  known: "#bf8700",
  inconclusive: colours.inconclusive,
  "not reached": colours.skipped,
  "not checked": colours.skipped,
};

/**
 * chaos.html: the seed and command, the schedule, each invariant's verdict, the findings, the
 * shrinking log (every candidate linked to its run report) and the reproducer. The chaos run's own
 * report.html holds the timeline: faults as bands, the units' states, the checks.
 */
export function chaosHtml(report: ChaosReport, outDir: string, reproducer?: string): string {
  const link = (dir: string | undefined, text: string) => (dir ? `<a href="${escape(relative(outDir, dir))}/report.html">${escape(text)}</a>` : escape(text));
  const badge = (verdict: keyof typeof verdictColours) => `<span class="badge" style="background:${verdictColours[verdict]}">${escape(verdict)}</span>`;
  const shrunk = new Set(report.shrink?.rounds ?? []);
  const schedule = report.schedule.rounds.map(
    (round) =>
      `<tr${shrunk.has(round.index) ? ' class="kept"' : ""}><td>${round.index}</td><td>${escape(describeFault(round.fault))}</td><td>${seconds(round.holdMs)} s</td><td>${seconds(round.leadMs)} s</td><td>${round.jobs.map((job) => escape(`${job.alias} (${job.workType})`)).join("<br>")}</td></tr>`,
  );
  const invariants = report.judgement.invariants.map((result) => `<tr><td>${escape(result.invariant)}</td><td>${badge(result.verdict)}</td><td>${result.passed}</td><td>${escape(result.note ?? "")}</td></tr>`);
  const findings = report.judgement.findings.map(
    (finding) =>
      `<tr><td>${finding.kind === "known" ? badge("known") + ` <a href="https://github.com/ansible/receptor/issues/${finding.issue}">#${finding.issue}</a>` : badge("violated")}</td><td>${escape(finding.invariant)}</td><td>${finding.round ?? ""}</td><td>${escape(finding.unit ?? "")}</td><td>${escape(finding.expected)}</td><td>${escape(finding.observed)}</td></tr>`,
  );
  const candidates = (report.shrink?.candidates ?? []).map(
    (candidate, index) =>
      `<tr><td>${index + 1}</td><td>${escape(candidate.description)}</td><td>${candidate.rounds.join(", ")}</td><td>${candidate.stillFails ? badge("violated").replace(">violated<", ">still fails<") : escape(candidate.verdict === "inconclusive" ? "inconclusive" : "does not fail")}</td><td>${seconds(candidate.durationMs)} s</td><td>${link(candidate.reportDir, candidate.runId)}</td></tr>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>receptor-lab chaos, seed ${report.seed}</title>
<style>
${pageStyle}
tr.kept td{background:#fff8c5}pre{background:#f6f8fa;padding:12px;overflow:auto;font-size:12px}
</style></head><body>
<h1>Chaos, seed ${report.seed} ${badge(report.judgement.verdict)}</h1>
<p class="meta"><span>${escape(report.topology)}</span><span>${report.schedule.rounds.length} rounds</span><span>${seconds(report.durationMs)} s in all</span><span>run ${link(report.runReportDir, report.runId)}</span></p>
<p><code>${escape(report.command)}</code> — the same seed gives the same schedule.</p>
${report.judgement.inconclusive ? `<p><b>Inconclusive:</b> ${escape(report.judgement.inconclusive)}</p>` : ""}
<h2>Invariants</h2>
<table><tr><th>invariant</th><th>verdict</th><th>checks passed</th><th>note</th></tr>
${invariants.join("\n")}
</table>
${findings.length ? `<h2>Findings</h2>\n<table><tr><th></th><th>invariant</th><th>round</th><th>unit</th><th>expected</th><th>observed</th></tr>\n${findings.join("\n")}\n</table>` : ""}
${report.baseline ? `<p class="meta">Fault-free baseline: run ${escape(report.baseline.runId)} (${escape(report.baseline.verdict)}), ${report.baseline.errorKinds.length} ERROR kinds.</p>` : ""}
<h2>Schedule</h2>
<p class="meta">Each round: the units submitted, a lead, the fault held, the heal, the routes checked, a quiet time.${shrunk.size ? " Highlighted: the rounds the reproducer keeps." : ""}</p>
<table><tr><th>round</th><th>fault</th><th>held</th><th>lead</th><th>work units</th></tr>
${schedule.join("\n")}
</table>
${report.shrink ? `<h2>Shrinking</h2>\n<p class="meta">${report.shrink.candidates.length} candidates in ${seconds(report.shrink.durationMs)} s (budget ${seconds(report.shrink.budgetMs)} s)${report.shrink.exhausted ? ": budget spent, the smallest schedule so far" : ""}; each on a fresh lab.</p>\n<table><tr><th>#</th><th>candidate</th><th>rounds</th><th>result</th><th>took</th><th>run</th></tr>\n${candidates.join("\n")}\n</table>` : ""}
${report.reproducer ? `<h2>Reproducer</h2>\n<p><code>${escape(report.reproducer.file)}</code> — replay with <code>receptor-lab scenario ${escape(report.reproducer.file)}</code></p>\n${reproducer ? `<pre>${escape(reproducer)}</pre>` : ""}` : ""}
</body></html>
`;
}
