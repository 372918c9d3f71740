import { cpuWindows, hostCpuMetric, saturatedBusy, saturatedSpans } from "../scenario/host-saturation.js";
import { colours, escape, seconds, truncate } from "./html-common.js";
import type { Interval, NetworkFault, NodeIntervals } from "./intervals.js";
import type { RunDocument } from "./run-document.js";

const downFill = "#ffd8d3";
const pausedStripe = "#d4a72c";
const convergedColour = "#1a7f37";
const narrationColour = "#57606a";
const cpuFill = "#8c959f";
const saturatedFill = "#e5534b";

/** The swatches explaining the timeline's bands and marks (HTML, above the SVG). */
export function timelineLegend(): string {
  const swatch = (style: string, text: string) => `<span><i class="sw" style="${style}"></i>${text}</span>`;
  return `<div class="legend">${[
    swatch(`background:${downFill}`, "node or link down"),
    swatch(`background:repeating-linear-gradient(45deg,#fff8c5 0 2px,${pausedStripe} 2px 4px);outline:1px solid #9a6700`, "node paused (frozen)"),
    swatch("background:#8250df", "route change"),
    swatch("background:#bf8700", "unit state"),
    swatch("background:#0969da", "fault"),
    swatch("border:2px solid #cf222e;border-radius:50%;width:6px;height:6px", "action refused, asked again"),
    `<span style="color:#cf222e;font-weight:700;margin-right:4px">✕</span><span>connection rejected (from the node's log)</span>`,
    swatch(`background:${narrationColour};border-radius:3px 3px 3px 0`, "narration (say)"),
    swatch(`background:${convergedColour};border-radius:50%`, "routes converged after a fault"),
    swatch(`background:linear-gradient(${saturatedFill} 50%,${cpuFill} 50%)`, `host CPU busy; red where ≥ ${saturatedBusy * 100}% (timing steps there are inconclusive)`),
  ].join("")}<span>top lanes: narration, steps by verdict</span></div>`;
}

/**
 * One lane per node (down and paused bands, route changes, unit states, faults), a steps lane
 * coloured by verdict, a narration lane for `say` when there is any, and a network lane for
 * partitions, loss, delay and the moments the routing tables converged again, and a host CPU lane
 * when the host was sampled.
 */
export function timelineSvg(document: RunDocument, spells: NodeIntervals, network: NetworkFault[], end: number): string {
  const nodes = document.graph.nodes.map((node) => node.id);
  const [left, width, lane] = [150, 1080, 26];
  const right = width - 10;
  const x = (t: number) => left + (t / end) * (right - left);
  const says = document.events.filter((event) => event.kind === "say");
  const converged = document.events.filter((event) => event.kind === "routes-converged");
  const narrationY = 30;
  const stepsY = narrationY + (says.length ? lane : 0);
  const yOf = new Map(nodes.map((node, index) => [node, stepsY + lane * (index + 1)]));
  const networkY = stepsY + lane * (nodes.length + 1);
  const hasNetworkLane = network.length > 0 || converged.length > 0;
  const cpuY = networkY + (hasNetworkLane ? lane : 0);
  const hasCpuLane = document.events.some((event) => event.kind === "host-cpu");
  const height = cpuY + (hasCpuLane ? lane : 0) + 24;
  const parts: string[] = [];
  const laneLabel = (y: number, text: string, bold = true) => `<text x="${left - 8}" y="${y + 4}" text-anchor="end"${bold ? ' font-weight="600"' : ""}>${escape(text)}</text>`;
  const band = (y: number, interval: Interval, title: string, fill: string, textColour: string, stroke = "") =>
    `<g><title>${escape(`${title} ${seconds(interval.from)}–${seconds(interval.to)} s`)}</title><rect x="${x(interval.from)}" y="${y - 10}" width="${Math.max(2, x(interval.to) - x(interval.from))}" height="20" fill="${fill}"${stroke}/><text x="${x(interval.from) + 4}" y="${y + 4}" fill="${textColour}">${escape(interval.label)}</text></g>`;

  if (says.length) {
    parts.push(laneLabel(narrationY, "narration"));
    says.forEach((event, index) => {
      const text = String(event.data.text ?? "");
      const cx = x(event.t);
      const room = (index + 1 < says.length ? x(says[index + 1]!.t) : right) - cx - 12;
      const label = room >= 40 ? `<text x="${cx + 8}" y="${narrationY + 4}" fill="${narrationColour}" font-style="italic">${escape(truncate(text, Math.floor(room / 6)))}</text>` : "";
      parts.push(
        `<g class="say"><title>${escape(`${seconds(event.t, 2)} s “${text}”`)}</title><path d="M${cx - 4} ${narrationY - 6} h9 v8 h-5 l-4 4 z" fill="${narrationColour}"/>${label}</g>`,
      );
    });
  }

  parts.push(laneLabel(stepsY, "steps"));
  for (const step of document.steps) {
    if (step.verdict === "skipped") continue;
    parts.push(`<g><title>${escape(`#${step.index + 1} ${step.kind} ${step.target}: ${step.verdict} (${step.durationMs} ms)`)}</title><rect x="${x(step.startedAt)}" y="${stepsY - 6}" width="${Math.max(3, x(step.startedAt + step.durationMs) - x(step.startedAt))}" height="12" fill="${colours[step.verdict]}" opacity="0.8"/></g>`);
  }

  for (const [node, y] of yOf) {
    parts.push(`${laneLabel(y, node, false)}<line x1="${left}" x2="${right}" y1="${y}" y2="${y}" stroke="#eaeef2"/>`);
    for (const interval of spells.down.get(node) ?? []) parts.push(band(y, interval, `${node} ${interval.label}`, downFill, "#cf222e"));
    for (const interval of spells.paused.get(node) ?? []) {
      parts.push(band(y, interval, `${node} ${interval.label} (frozen: connections open, nothing answers)`, "url(#paused-hatch)", "#7d4e00", ' stroke="#9a6700" class="paused"'));
    }
  }

  if (hasNetworkLane) {
    parts.push(laneLabel(networkY, "network"));
    for (const fault of network) parts.push(band(networkY, fault, fault.label, downFill, "#cf222e"));
    for (const event of converged) {
      const { after, ms } = event.data as { after?: string; ms?: number };
      parts.push(
        `<g class="routes-converged"><title>${escape(`${seconds(event.t, 2)} s routes converged${after ? ` after ${after}` : ""}${ms !== undefined ? ` (${ms} ms)` : ""}`)}</title><circle cx="${x(event.t)}" cy="${networkY}" r="5" fill="${convergedColour}" stroke="#fff"/></g>`,
      );
    }
  }

  if (hasCpuLane) parts.push(laneLabel(cpuY, "host CPU"), hostCpuLane(document.events, x, cpuY));

  for (const event of document.events) {
    const y = event.node ? yOf.get(event.node) : undefined;
    if (y !== undefined) parts.push(nodeMark(event, x(event.t), y));
  }
  for (let t = 0; t <= end; t += tickStep(end)) {
    parts.push(`<text x="${x(t)}" y="${height - 6}" text-anchor="middle" fill="#57606a">${seconds(t, 0)} s</text>`);
  }
  const hatch = `<defs><pattern id="paused-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff8c5"/><rect width="2.5" height="6" fill="${pausedStripe}" opacity="0.7"/></pattern></defs>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="timeline">${hatch}${parts.join("")}</svg>`;
}

/** The host's busy share as a step area (full height: every core busy), saturated stretches red. */
function hostCpuLane(events: RunDocument["events"], x: (t: number) => number, y: number): string {
  const [top, bottom] = [y - 10, y + 10];
  const windows = cpuWindows(events);
  const { maxBusy, saturatedMs } = hostCpuMetric(events);
  const bands = saturatedSpans(events).map(
    (span) =>
      `<g><title>${escape(`host CPU ≥ ${saturatedBusy * 100}% ${seconds(span.from)}–${seconds(span.to)} s`)}</title><rect x="${x(span.from)}" y="${top}" width="${Math.max(2, x(span.to) - x(span.from))}" height="${bottom - top}" fill="${saturatedFill}"/></g>`,
  );
  const level = (busy: number) => (bottom - busy * (bottom - top)).toFixed(1);
  const steps = windows.map((window) => `L${x(Math.max(0, window.from)).toFixed(1)} ${level(window.busy)}H${x(window.to).toFixed(1)}`).join("");
  const area = `M${x(Math.max(0, windows[0]!.from)).toFixed(1)} ${bottom}${steps}V${bottom}Z`;
  const summary = `host CPU (all cores): at most ${Math.round(maxBusy * 100)}%, ≥ ${saturatedBusy * 100}% for ${seconds(saturatedMs)} s in all`;
  return `<g class="host-cpu"><title>${escape(summary)}</title><path d="${area}" fill="${cpuFill}" opacity="0.7"/>${bands.join("")}</g>`;
}

/** A mark on a node's lane: route change, unit state, refused action or fault ("" for anything else). */
function nodeMark(event: RunDocument["events"][number], cx: number, y: number): string {
  const at = `${seconds(event.t, 2)} s`;
  if (event.kind === "route-change") {
    const { destination, from, to } = event.data as { destination: string; from: string | null; to: string | null };
    return `<g><title>${escape(`${at} ${event.node}: route to ${destination} ${from ?? "none"} → ${to ?? "none"}`)}</title><rect x="${cx - 1}" y="${y - 9}" width="3" height="8" fill="#8250df"/></g>`;
  }
  if (event.kind === "unit-state") {
    const { unit, role, to } = event.data as { unit: string; role: string; to: string };
    return `<g><title>${escape(`${at} ${unit} (${role}) → ${to}`)}</title><path d="M${cx} ${y + 1} l5 5 l-5 5 l-5 -5z" fill="#bf8700"/></g>`;
  }
  if (event.kind === "action-refused") {
    const { unit, action, reply } = event.data as { unit: string; action: string; reply: string };
    return `<g><title>${escape(`${at} ${event.node} refused ${action} ${unit}: ${reply}`)}</title><circle cx="${cx}" cy="${y + 6}" r="4" fill="none" stroke="#cf222e" stroke-width="2"/></g>`;
  }
  if (event.kind === "connection-rejected") {
    const { peer, reason } = event.data as { peer?: string; reason: string };
    return `<g><title>${escape(`${at} ${event.node}: connection${peer ? ` with ${peer}` : ""} rejected: ${reason}`)}</title><path d="M${cx - 4} ${y - 4} l8 8 m0 -8 l-8 8" stroke="#cf222e" stroke-width="2"/></g>`;
  }
  if (event.kind === "fault") {
    const missed = event.data.tookEffect === false ? " (did not take effect)" : "";
    return `<g><title>${escape(`${at} ${event.data.action} ${event.node}${missed}`)}</title><line x1="${cx}" x2="${cx}" y1="${y - 12}" y2="${y + 12}" stroke="#0969da" stroke-width="2"/></g>`;
  }
  return "";
}

function tickStep(end: number): number {
  for (const step of [1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 60_000]) if (end / step <= 12) return step;
  return 120_000;
}
