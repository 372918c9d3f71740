import { colours, escape, pageStyle } from "./html-common.js";
import { stepsTable } from "./html-steps.js";
import { timelineLegend, timelineSvg } from "./html-timeline.js";
import { linkDownIntervals, networkIntervals, nodeIntervals, type Interval, type NetworkFault, type NodeIntervals } from "./intervals.js";
import type { RunDocument } from "./run-document.js";

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
<p class="meta"><span>topology <b>${escape(document.topology)}</b></span><span>Receptor <b>${escape(document.receptorVersion)}</b></span><span>run ${escape(document.runId)}</span><span>started ${escape(document.startedAt)}</span><span>${(document.durationMs / 1000).toFixed(1)} s${document.quick ? " (quick)" : ""}</span>${document.reproduces ? `<br><span>reproduces: ${escape(document.reproduces)}</span>` : ""}</p>
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

/**
 * Layers by hops from the first node of the topology (the demos list the controller first), each
 * layer ordered by where its neighbours sit in the layer before, to keep lines from crossing.
 */
function layout(document: RunDocument): Map<string, { layer: number; order: number }> {
  const { nodes, links } = document.graph;
  const neighbours = new Map(nodes.map((node) => [node.id, new Set<string>()]));
  for (const link of links) {
    neighbours.get(link.dialer)?.add(link.listener);
    neighbours.get(link.listener)?.add(link.dialer);
  }
  const layerOf = new Map<string, number>();
  for (const start of nodes.map((node) => node.id)) {
    if (layerOf.has(start)) continue;
    layerOf.set(start, 0);
    const queue = [start];
    while (queue.length > 0) {
      const id = queue.shift()!;
      for (const next of neighbours.get(id) ?? []) {
        if (!layerOf.has(next)) {
          layerOf.set(next, layerOf.get(id)! + 1);
          queue.push(next);
        }
      }
    }
  }
  const layers: string[][] = [];
  for (const node of nodes) (layers[layerOf.get(node.id)!] ??= []).push(node.id);
  const placed = new Map<string, { layer: number; order: number }>();
  layers.forEach((ids, layer) => {
    const weight = (id: string) => {
      const before = [...(neighbours.get(id) ?? [])].map((other) => placed.get(other)).filter((spot) => spot && spot.layer === layer - 1);
      return before.length ? before.reduce((sum, spot) => sum + spot!.order, 0) / before.length : 0;
    };
    [...ids].sort((a, b) => weight(a) - weight(b)).forEach((id, order) => placed.set(id, { layer, order }));
  });
  return placed;
}

function topologySvg(document: RunDocument, spells: NodeIntervals, network: NetworkFault[]): string {
  const { nodes, links } = document.graph;
  const placed = layout(document);
  const layerCount = Math.max(...[...placed.values()].map((spot) => spot.layer)) + 1;
  const perLayer = (layer: number) => [...placed.values()].filter((spot) => spot.layer === layer).length;
  const tallest = Math.max(...Array.from({ length: layerCount }, (_, layer) => perLayer(layer)));
  const height = tallest * 64 + 24;
  const width = Math.max(layerCount * 230, 460);
  const position = new Map<string, { x: number; y: number }>();
  for (const [id, spot] of placed) {
    const count = perLayer(spot.layer);
    position.set(id, { x: 100 + spot.layer * ((width - 200) / Math.max(layerCount - 1, 1)), y: (height / (count + 1)) * (spot.order + 1) });
  }
  const [halfWidth, halfHeight] = [80, 17];
  const linkSvg = links
    .map((link) => {
      const a = position.get(link.dialer)!;
      const b = position.get(link.listener)!;
      const [dx, dy] = [b.x - a.x, b.y - a.y];
      const cut = Math.min(dx ? halfWidth / Math.abs(dx) : Infinity, dy ? halfHeight / Math.abs(dy) : Infinity);
      const [endX, endY] = [b.x - dx * cut, b.y - dy * cut];
      const wasDown = linkDownIntervals(spells.down, link.dialer, link.listener, network);
      const frozen = linkDownIntervals(spells.paused, link.dialer, link.listener);
      const when = (intervals: Interval[]) => intervals.map((i) => `${(i.from / 1000).toFixed(1)}–${(i.to / 1000).toFixed(1)} s`).join(", ");
      const title = link.rejected
        ? `rejected: ${link.rejected}`
        : [wasDown.length ? `down ${when(wasDown)}` : "", frozen.length ? `an end paused ${when(frozen)}` : ""].filter(Boolean).join("; ") || "up the whole run";
      const colour = link.rejected ? "#d0d7de" : wasDown.length ? "#cf222e" : frozen.length ? "#9a6700" : "#8c959f";
      const dash = link.rejected ? 'stroke-dasharray="1 4"' : wasDown.length ? 'stroke-dasharray="6 4"' : frozen.length ? 'stroke-dasharray="2 3"' : "";
      const kind = `${link.backend ?? "tcp"}${link.tls ? ", TLS" : ""}`;
      return `<g><title>${escape(`${link.dialer} dials ${link.listener} (${kind}, cost ${link.cost}): ${title}`)}</title><line x1="${a.x}" y1="${a.y}" x2="${endX}" y2="${endY}" stroke="${colour}" stroke-width="2" marker-end="url(#${wasDown.length ? "arrow-down" : frozen.length ? "arrow-paused" : "arrow"})" ${dash}/><text x="${(a.x + b.x) / 2}" y="${(a.y + b.y) / 2 - 5}" fill="#57606a" text-anchor="middle">${link.cost}${link.tls ? " 🔒" : ""}${(link.backend ?? "tcp") !== "tcp" ? ` ${link.backend}` : ""}</text></g>`;
    })
    .join("");
  const nodeSvg = nodes
    .map((node) => {
      const { x, y } = position.get(node.id)!;
      const faulted = (spells.down.get(node.id) ?? []).length > 0;
      const paused = (spells.paused.get(node.id) ?? []).length > 0;
      const note = [faulted ? "was down" : "", paused ? "was paused (frozen)" : ""].filter(Boolean).join(" and ");
      const [fill, stroke] = faulted ? ["#fff1ef", "#cf222e"] : paused ? ["#fff8c5", "#9a6700"] : ["#f6f8fa", "#57606a"];
      return `<g><title>${escape(`${node.id} (${node.container}, ${node.hostname})${note ? `: ${note} during the run` : ""}`)}</title><rect x="${x - halfWidth}" y="${y - halfHeight}" width="${halfWidth * 2}" height="${halfHeight * 2}" rx="8" fill="${fill}" stroke="${stroke}"${paused ? ' stroke-dasharray="4 2"' : ""}/><text x="${x}" y="${y - 2}" text-anchor="middle" font-weight="600">${escape(node.id)}</text><text x="${x}" y="${y + 11}" text-anchor="middle" fill="#57606a">${escape(node.container)}</text></g>`;
    })
    .join("");
  const marker = (id: string, colour: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${colour}"/></marker>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="topology"><defs>${marker("arrow", "#8c959f")}${marker("arrow-down", "#cf222e")}${marker("arrow-paused", "#9a6700")}</defs>${linkSvg}${nodeSvg}</svg>
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
