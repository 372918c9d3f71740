import { escape } from "./html-common.js";
import type { RunDocument } from "./run-document.js";

export type Graph = RunDocument["graph"];
export type GraphNode = Graph["nodes"][number];
export type GraphLink = Graph["links"][number];

/** Half the size of a node's box, in SVG units: links end at its edge. */
export const nodeBox = { halfWidth: 80, halfHeight: 17 } as const;

/** How one link is drawn; `note` follows its description in the hover title. */
export interface LinkLook {
  colour: string;
  /** Extra attributes of the line (a dash pattern), or "". */
  dash: string;
  marker: string;
  note: string;
  /** Attributes of the link's group (`data-…` for a page that restyles it), or "". */
  attributes?: string;
}

/** How one node is drawn; `note` follows its description in the hover title. */
export interface NodeLook {
  fill: string;
  stroke: string;
  dashed: boolean;
  note: string;
  attributes?: string;
}

export interface GraphLook {
  link(link: GraphLink): LinkLook;
  node(node: GraphNode): NodeLook;
  /** Arrow heads: marker id → colour. */
  markers: Record<string, string>;
}

export interface TopologyDrawing {
  svg: string;
  /** Each node's centre. */
  positions: Map<string, { x: number; y: number }>;
}

/**
 * The topology as an SVG graph, the way report.html and the live page draw it: nodes in layers
 * by hops from the first node, links as arrows from dialer to listener with their costs.
 */
export function drawTopology(graph: Graph, look: GraphLook): TopologyDrawing {
  const { nodes, links } = graph;
  const placed = layout(graph);
  const layerCount = Math.max(...[...placed.values()].map((spot) => spot.layer)) + 1;
  const perLayer = (layer: number) => [...placed.values()].filter((spot) => spot.layer === layer).length;
  const tallest = Math.max(...Array.from({ length: layerCount }, (_, layer) => perLayer(layer)));
  const height = tallest * 64 + 24;
  const width = Math.max(layerCount * 230, 460);
  const positions = new Map<string, { x: number; y: number }>();
  for (const [id, spot] of placed) {
    const count = perLayer(spot.layer);
    positions.set(id, { x: 100 + spot.layer * ((width - 200) / Math.max(layerCount - 1, 1)), y: (height / (count + 1)) * (spot.order + 1) });
  }
  const { halfWidth, halfHeight } = nodeBox;
  const linkSvg = links
    .map((link) => {
      const a = positions.get(link.dialer)!;
      const b = positions.get(link.listener)!;
      const [dx, dy] = [b.x - a.x, b.y - a.y];
      const cut = Math.min(dx ? halfWidth / Math.abs(dx) : Infinity, dy ? halfHeight / Math.abs(dy) : Infinity);
      const [endX, endY] = [b.x - dx * cut, b.y - dy * cut];
      const drawn = look.link(link);
      const kind = `${link.backend ?? "tcp"}${link.tls ? ", TLS" : ""}`;
      return `<g${drawn.attributes ?? ""}><title>${escape(`${link.dialer} dials ${link.listener} (${kind}, cost ${link.cost}): ${drawn.note}`)}</title><line x1="${a.x}" y1="${a.y}" x2="${endX}" y2="${endY}" stroke="${drawn.colour}" stroke-width="2" marker-end="url(#${drawn.marker})" ${drawn.dash}/><text x="${(a.x + b.x) / 2}" y="${(a.y + b.y) / 2 - 5}" fill="#57606a" text-anchor="middle">${link.cost}${link.tls ? " 🔒" : ""}${(link.backend ?? "tcp") !== "tcp" ? ` ${link.backend}` : ""}</text></g>`;
    })
    .join("");
  const nodeSvg = nodes
    .map((node) => {
      const { x, y } = positions.get(node.id)!;
      const drawn = look.node(node);
      return `<g${drawn.attributes ?? ""}><title>${escape(`${node.id} (${node.container}, ${node.hostname})${drawn.note}`)}</title><rect x="${x - halfWidth}" y="${y - halfHeight}" width="${halfWidth * 2}" height="${halfHeight * 2}" rx="8" fill="${drawn.fill}" stroke="${drawn.stroke}"${drawn.dashed ? ' stroke-dasharray="4 2"' : ""}/><text x="${x}" y="${y - 2}" text-anchor="middle" font-weight="600">${escape(node.id)}</text><text x="${x}" y="${y + 11}" text-anchor="middle" fill="#57606a">${escape(node.container)}</text></g>`;
    })
    .join("");
  const markers = Object.entries(look.markers)
    .map(
      ([id, colour]) =>
        `<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${colour}"/></marker>`,
    )
    .join("");
  return {
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="topology"><defs>${markers}</defs>${linkSvg}${nodeSvg}</svg>`,
    positions,
  };
}

/**
 * Layers by hops from the first node of the topology (the demos list the controller first), each
 * layer ordered by where its neighbours sit in the layer before, to keep lines from crossing.
 */
function layout(graph: Graph): Map<string, { layer: number; order: number }> {
  const { nodes, links } = graph;
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
