import type { Topology } from "../topology/model.js";
import { escape, pageStyle } from "./html-common.js";
import { drawTopology, nodeBox } from "./topology-drawing.js";

/**
 * The page `receptor-lab watch --web` serves: one self-contained file (inline CSS and script, no
 * network but its own server) with the topology drawn as report.html draws it. Its script follows
 * the live view the server sends as server-sent events on /events: it colours nodes and links
 * by state (`data-state` on each), draws the chosen node's routes as arrows and lists the events.
 */
export function livePage(topology: Topology, runId: string): string {
  const { svg, positions } = drawTopology(topology, {
    link: (link) => ({
      colour: "#8c959f",
      dash: "",
      marker: "arrow",
      note: link.rejected ? `rejected: ${link.rejected}` : "its colour is its state now",
      attributes: ` class="link" data-link="${escape(`${link.dialer}>${link.listener}`)}" data-state="unknown"`,
    }),
    node: (node) => ({ fill: "#f6f8fa", stroke: "#57606a", dashed: false, note: "", attributes: ` class="node" data-node="${escape(node.id)}" data-state="unknown"` }),
    markers: { arrow: "#8c959f", "arrow-down": "#cf222e", "arrow-paused": "#9a6700", "arrow-route": "#0969da" },
  });
  const layout = JSON.stringify({ positions: Object.fromEntries(positions), box: nodeBox }).replace(/</g, "\\u003c");
  const options = topology.nodes.map((node) => `<option>${escape(node.id)}</option>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${escape(`watch ${runId} (${topology.name})`)}</title>
<style>
${pageStyle}
svg text{font:11px system-ui,sans-serif}
g.node[data-state=up] rect{fill:#dafbe1;stroke:#1a7f37}
g.node[data-state=down] rect,g.node[data-state=gone] rect{fill:#fff1ef;stroke:#cf222e}
g.node[data-state=paused] rect{fill:#fff8c5;stroke:#9a6700;stroke-dasharray:4 2}
g.node[data-state=unresponsive] rect{fill:#fbefff;stroke:#8250df;stroke-dasharray:4 2}
g.node.changed rect{stroke-width:3}
g.link[data-state=down] line{stroke:#cf222e;stroke-dasharray:6 4;marker-end:url(#arrow-down)}
g.link[data-state=paused] line{stroke:#9a6700;stroke-dasharray:2 3;marker-end:url(#arrow-paused)}
g.link[data-state=rejected] line{stroke:#d0d7de;stroke-dasharray:1 4}
g.link[data-state=up][data-connected=false] line{stroke-dasharray:2 6}
#routes line{stroke:#0969da;stroke-width:2.5;marker-end:url(#arrow-route)}
.cols{display:flex;gap:24px;align-items:flex-start}.cols>div{flex:1;min-width:0}
.state-up{color:#1a7f37}.state-down,.state-gone{color:#cf222e;font-weight:600}.state-paused{color:#9a6700;font-weight:600}.state-unresponsive{color:#8250df}
.entry{display:inline-block;margin:0 8px 2px 0;white-space:nowrap}.entry.changed{background:#fff8c5;outline:1px solid #d4a72c}.entry.removed{color:#cf222e;text-decoration:line-through}
#events{list-style:none;padding:0;margin:0;font:12px ui-monospace,SFMono-Regular,Menlo,monospace;max-height:520px;overflow:auto}
#events li{padding:2px 0;border-bottom:1px solid #eaeef2}#events .kind{display:inline-block;width:44px;font-weight:600}
#events li[data-kind=fault] .kind{color:#cf222e}#events li[data-kind=node] .kind{color:#9a6700}#events li[data-kind=route] .kind{color:#0969da}#events li[data-kind=unit] .kind{color:#1a7f37}
#gone{margin:8px 0}
</style></head><body data-live="waiting">
<h1>receptor-lab watch</h1>
<p class="meta"><span>lab <b>${escape(runId)}</b></span><span>topology <b>${escape(topology.name)}</b></span><span id="updated">waiting for the first poll …</span><span id="in-effect"></span></p>
<div id="gone" class="diff" hidden></div>
<h2>Topology</h2>
<p><label>Routes of <select id="route-node">${options}</select></label> <span class="meta">(blue arrows: the hops each of its routes takes, following every node's routing table)</span></p>
${svg}
<p class="meta">Arrows point from dialer to listener; numbers are link costs. Green: up; red: down (stopped, removed, or cut by a recorded partition); amber: paused (frozen); purple: running but not answering; a sparsely dotted link is not connected yet. Changes stay highlighted for a few seconds.</p>
<div class="cols"><div><h2>Nodes</h2><table><thead><tr><th>node</th><th>state</th><th>connections (cost)</th><th>routes (→ next hop)</th><th>work units</th></tr></thead><tbody id="nodes"></tbody></table></div>
<div><h2>Events</h2><ol id="events"></ol></div></div>
<script>
"use strict";
var layout = ${layout};
var svgNs = "http://www.w3.org/2000/svg";
var select = document.getElementById("route-node");
var routeLayer = document.createElementNS(svgNs, "g");
routeLayer.id = "routes";
document.querySelector("svg").appendChild(routeLayer);
var latest = null;
var received = 0;

function time(at) {
  var d = new Date(at);
  var two = function (n) { return String(n).padStart(2, "0"); };
  return two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds()) + "." + String(d.getMilliseconds()).padStart(3, "0");
}
function element(tag, text, className) {
  var made = document.createElement(tag);
  if (text !== undefined) made.textContent = text;
  if (className) made.className = className;
  return made;
}
function entries(list, show) {
  var cell = element("td");
  list.forEach(function (entry) {
    cell.appendChild(element("span", show(entry), "entry" + (entry.removed ? " removed" : entry.changed ? " changed" : "")));
  });
  if (list.length === 0) cell.appendChild(element("span", "—", "meta"));
  return cell;
}
function drawRoutes(view) {
  routeLayer.textContent = "";
  var from = select.value;
  var tables = {};
  view.nodes.forEach(function (node) {
    tables[node.id] = {};
    node.routes.forEach(function (entry) { if (!entry.removed) tables[node.id][entry.key] = entry.value; });
  });
  var hops = {};
  Object.keys(tables[from] || {}).forEach(function (destination) {
    var at = from;
    for (var step = 0; at !== destination && step < view.nodes.length; step++) {
      var next = tables[at] && tables[at][destination];
      if (!next || !layout.positions[next]) break;
      var key = at + ">" + next;
      (hops[key] = hops[key] || { from: at, to: next, destinations: [] }).destinations.push(destination);
      at = next;
    }
  });
  Object.keys(hops).forEach(function (key) {
    var hop = hops[key];
    var a = layout.positions[hop.from], b = layout.positions[hop.to];
    var dx = b.x - a.x, dy = b.y - a.y, length = Math.hypot(dx, dy) || 1;
    var cut = Math.min(dx ? layout.box.halfWidth / Math.abs(dx) : Infinity, dy ? layout.box.halfHeight / Math.abs(dy) : Infinity);
    var ox = (-dy / length) * 6, oy = (dx / length) * 6;
    var group = document.createElementNS(svgNs, "g");
    var title = document.createElementNS(svgNs, "title");
    title.textContent = from + "'s routes to " + hop.destinations.join(", ") + " go " + hop.from + " → " + hop.to;
    var line = document.createElementNS(svgNs, "line");
    line.setAttribute("x1", a.x + dx * cut + ox);
    line.setAttribute("y1", a.y + dy * cut + oy);
    line.setAttribute("x2", b.x - dx * cut + ox);
    line.setAttribute("y2", b.y - dy * cut + oy);
    line.setAttribute("data-route", key);
    group.appendChild(title);
    group.appendChild(line);
    routeLayer.appendChild(group);
  });
}
function render(view) {
  latest = view;
  document.body.setAttribute("data-live", "sse");
  document.getElementById("updated").textContent = "updated " + time(view.at);
  var effect = [];
  if (view.faults.down.length) effect.push("down: " + view.faults.down.join(", "));
  if (view.faults.cutLinks.length) effect.push("cut: " + view.faults.cutLinks.join(", "));
  document.getElementById("in-effect").textContent = effect.length ? "faults in effect: " + effect.join(" · ") : "no faults in effect";
  view.nodes.forEach(function (node) {
    var drawn = document.querySelector('g.node[data-node="' + node.id + '"]');
    if (!drawn) return;
    drawn.setAttribute("data-state", node.state);
    drawn.classList.toggle("changed", node.stateChanged);
  });
  view.links.forEach(function (link) {
    var drawn = document.querySelector('g.link[data-link="' + link.dialer + ">" + link.listener + '"]');
    if (!drawn) return;
    drawn.setAttribute("data-state", link.state);
    drawn.setAttribute("data-connected", String(link.connected));
  });
  var rows = document.getElementById("nodes");
  rows.textContent = "";
  view.nodes.forEach(function (node) {
    var row = element("tr");
    row.setAttribute("data-node", node.id);
    row.appendChild(element("td", node.id + " (" + node.container + ")"));
    row.appendChild(element("td", node.state, "state-" + node.state + (node.stateChanged ? " entry changed" : "")));
    row.appendChild(entries(node.connections, function (e) { return e.key + " " + e.value; }));
    row.appendChild(entries(node.routes, function (e) { return e.key + " → " + e.value; }));
    row.appendChild(entries(node.units, function (e) { return e.key + " " + e.value + (e.detail ? " " + e.detail : ""); }));
    rows.appendChild(row);
  });
  var list = document.getElementById("events");
  list.textContent = "";
  view.events.slice().reverse().forEach(function (event) {
    var item = element("li");
    item.setAttribute("data-kind", event.kind);
    item.appendChild(element("span", time(event.at) + " "));
    item.appendChild(element("span", event.kind, "kind"));
    item.appendChild(element("span", event.text));
    list.appendChild(item);
  });
  drawRoutes(view);
}
select.addEventListener("change", function () { if (latest) drawRoutes(latest); });
var source = new EventSource("/events");
source.onmessage = function (message) {
  received = Date.now();
  render(JSON.parse(message.data));
};
source.addEventListener("gone", function (message) {
  source.close();
  var banner = document.getElementById("gone");
  banner.textContent = JSON.parse(message.data).message;
  banner.hidden = false;
  document.body.setAttribute("data-live", "gone");
});
// EventSource comes back after each view; only a long silence means the watch has stopped
setInterval(function () {
  var live = document.body.getAttribute("data-live");
  if (latest && live === "sse" && Date.now() - received > 5000) document.getElementById("updated").textContent = "no update since " + time(latest.at) + " (has the watch stopped?)";
}, 1000);
</script>
</body></html>
`;
}
