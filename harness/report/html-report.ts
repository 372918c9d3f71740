import { colours, escape, pageStyle } from "./html-common.js";
import { stepsTable } from "./html-steps.js";
import { timelineLegend, timelineSvg } from "./html-timeline.js";
import { linkDownIntervals, networkIntervals, nodeIntervals, type Interval, type NetworkFault, type NodeIntervals } from "./intervals.js";
import type { RunDocument } from "./run-document.js";
import { logCensusSection } from "./census-html.js";
import { drawTopology } from "./topology-drawing.js";

/**
 * One self-contained HTML file (inline CSS and SVG, no script, no network) that tells someone
 * who was not there what happened: the topology and which links were up when, one timeline lane
 * per node with down and paused spells as bands and route changes and unit states as marks, the
 * narration, every step's expectation and verdict, and on failure the diff and each node's last
 * log lines.
 */
export function htmlReport(document: RunDocument, logTails: Record<string, string[]>): string {
  const end = Math.max(document.durationMs, ...document.events.map((event) => event.t), 1);
  const nodeIds = document.graph.nodes.map((node) => node.id);
  const spells = nodeIntervals(document.events, nodeIds, end);
  const network = networkIntervals(document.events, end);
  const failed = document.steps.find((step) => step.verdict === "failed" || step.verdict === "inconclusive");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${escape(`${document.scenario} — ${document.verdict}`)}</title>
<style>
${pageStyle}
svg text{font:11px system-ui,sans-serif}
details{margin:4px 0}summary{cursor:pointer}
</style></head><body>
<h1>${escape(document.scenario)} <span class="badge" style="background:${colours[document.verdict]}">${document.verdict}</span></h1>
<div>${escape(document.title)}</div>
<p class="meta"><span>topology <b>${escape(document.topology)}</b></span><span>Receptor <b>${escape(receptorLine(document))}</b></span><span>run ${escape(document.runId)}</span><span>started ${escape(document.startedAt)}</span><span>${(document.durationMs / 1000).toFixed(1)} s${document.quick ? " (quick)" : ""}</span>${document.reproduces ? `<br><span>reproduces: ${escape(document.reproduces)}</span>` : ""}</p>
${document.error ? `<div class="diff"><b>Run error:</b><pre>${escape(document.error)}</pre></div>` : ""}
${failed ? failureSection(failed) : ""}
<h2>Topology</h2>
${topologySvg(document, spells, network)}
<h2>Timeline</h2>
${timelineLegend()}
${timelineSvg(document, spells, network, end)}
<h2>Steps</h2>
${stepsTable(document)}
<h2>Metrics</h2>
${metricsTable(document)}
<h2>Log census</h2>
${logCensusSection(document.logCensus)}
<h2>Node logs (last lines)</h2>
${Object.entries(logTails)
  .map(([container, lines]) => `<details${failed ? " open" : ""}><summary>${escape(container)}</summary><pre>${escape(lines.join("\n"))}</pre></details>`)
  .join("\n")}
<h2>Final status of each node</h2>
${Object.entries(document.finalStatus)
  .map(([node, status]) => `<details><summary>${escape(node)}</summary><pre>${escape(status ? JSON.stringify(status, null, 2) : "did not answer")}</pre></details>`)
  .join("\n")}
</body></html>
`;
}

function failureSection(step: RunDocument["steps"][number]): string {
  return `<h2>What failed</h2><div class="diff"><b>Step ${step.index + 1}: ${escape(step.kind)} ${escape(step.target)}</b> (line ${step.line}) — ${escape(step.detail.message ?? step.verdict)}
${step.detail.expected ? `<pre>expected: ${escape(step.detail.expected)}</pre>` : ""}${step.detail.observed ? `<pre>observed: ${escape(step.detail.observed)}</pre>` : ""}</div>`;
}

function topologySvg(document: RunDocument, spells: NodeIntervals, network: NetworkFault[]): string {
  const { svg } = drawTopology(document.graph, {
    link(link) {
      const wasDown = linkDownIntervals(spells.down, link.dialer, link.listener, network);
      const frozen = linkDownIntervals(spells.paused, link.dialer, link.listener);
      const when = (intervals: Interval[]) => intervals.map((i) => `${(i.from / 1000).toFixed(1)}–${(i.to / 1000).toFixed(1)} s`).join(", ");
      const note = link.rejected
        ? `rejected: ${link.rejected}`
        : [wasDown.length ? `down ${when(wasDown)}` : "", frozen.length ? `an end paused ${when(frozen)}` : ""].filter(Boolean).join("; ") || "up the whole run";
      return {
        colour: link.rejected ? "#d0d7de" : wasDown.length ? "#cf222e" : frozen.length ? "#9a6700" : "#8c959f",
        dash: link.rejected ? 'stroke-dasharray="1 4"' : wasDown.length ? 'stroke-dasharray="6 4"' : frozen.length ? 'stroke-dasharray="2 3"' : "",
        marker: wasDown.length ? "arrow-down" : frozen.length ? "arrow-paused" : "arrow",
        note,
      };
    },
    node(node) {
      const faulted = (spells.down.get(node.id) ?? []).length > 0;
      const paused = (spells.paused.get(node.id) ?? []).length > 0;
      const note = [faulted ? "was down" : "", paused ? "was paused (frozen)" : ""].filter(Boolean).join(" and ");
      const [fill, stroke] = faulted ? ["#fff1ef", "#cf222e"] : paused ? ["#fff8c5", "#9a6700"] : ["#f6f8fa", "#57606a"];
      return { fill, stroke, dashed: paused, note: note ? `: ${note} during the run` : "" };
    },
    markers: { arrow: "#8c959f", "arrow-down": "#cf222e", "arrow-paused": "#9a6700" },
  });
  return `${svg}
<p class="meta">Arrows point from dialer to listener; numbers are link costs; a red dashed link, or a red node, was down for part of the run; an amber node was paused (frozen) and an amber dotted link had a paused end (hover for when).</p>`;
}

function metricsTable(document: RunDocument): string {
  const rows = [`<tr><td>bring-up (containers started → routes converged)</td><td>${document.metrics.bringUpMs ?? "—"} ms</td></tr>`];
  for (const fault of document.metrics.faults) {
    rows.push(
      `<tr><td>${escape(`${fault.action} ${fault.target}`)} → first route change / all tables converged</td><td>${fault.routeChangeMs ?? "—"} ms / ${fault.convergedMs ?? (fault.superseded ? "superseded" : "—")} ms</td></tr>`,
    );
  }
  for (const [unit, ms] of Object.entries(document.metrics.workConvergenceMs)) rows.push(`<tr><td>${escape(unit)}: submit → work converged</td><td>${ms} ms</td></tr>`);
  return `<table>${rows.join("")}</table>`;
}

/** "1.6.5", or in a mixed-version lab each version with its nodes: "1.4.11 (e01, e02); 1.6.5 (controller, …)". */
function receptorLine(document: RunDocument): string {
  if (!document.nodeVersions) return document.receptorVersion;
  const byVersion = new Map<string, string[]>();
  for (const [node, version] of Object.entries(document.nodeVersions)) byVersion.set(version, [...(byVersion.get(version) ?? []), node]);
  return [...byVersion].map(([version, nodes]) => `${version} (${nodes.join(", ")})`).join("; ");
}
