import { UsageError } from "../../errors.js";
import { LinkSet, type MeshGraph } from "./mesh-graph.js";
import { seededRandom } from "./seeded-random.js";

export const shapeNames = ["star", "tree", "ring", "grid", "clos", "random"] as const;
export type ShapeName = (typeof shapeNames)[number];

/** Every shape's parameters; each shape reads the ones it needs (checked by `shapeGraph`). */
export interface ShapeParameters {
  nodes?: number;
  depth?: number;
  fanout?: number;
  rows?: number;
  cols?: number;
  spines?: number;
  leaves?: number;
  executorsPerLeaf?: number;
  degree?: number;
  seed?: number;
  /** How many nodes of the layer above each node dials (star: hubs; tree: parents; clos: leaves per executor). */
  redundancy?: number;
}

export function shapeGraph(shape: ShapeName, parameters: ShapeParameters): MeshGraph {
  const redundancy = atLeast("redundancy", parameters.redundancy ?? 1, 1);
  switch (shape) {
    case "star":
      return star(atLeast("nodes", required(shape, "nodes", parameters.nodes), redundancy + 1), redundancy);
    case "tree":
      return tree(atLeast("depth", required(shape, "depth", parameters.depth), 1), atLeast("fanout", required(shape, "fanout", parameters.fanout), 1), redundancy);
    case "ring":
      return ring(atLeast("nodes", required(shape, "nodes", parameters.nodes), 3));
    case "grid":
      return grid(atLeast("rows", required(shape, "rows", parameters.rows), 1), atLeast("cols", required(shape, "cols", parameters.cols), 1));
    case "clos":
      return clos(
        atLeast("spines", required(shape, "spines", parameters.spines), 1),
        atLeast("leaves", required(shape, "leaves", parameters.leaves), redundancy),
        atLeast("executors-per-leaf", parameters.executorsPerLeaf ?? 2, 0),
        redundancy,
      );
    case "random":
      return random(atLeast("nodes", required(shape, "nodes", parameters.nodes), 2), required(shape, "degree", parameters.degree), parameters.seed ?? 1);
  }
}

/** Node 0 and `hubs - 1` more hubs; every other node dials every hub. */
function star(size: number, hubs: number): MeshGraph {
  const links = new LinkSet();
  for (let leaf = hubs; leaf < size; leaf++) for (let hub = 0; hub < hubs; hub++) links.add(leaf, hub);
  return { size, links: links.links };
}

/** Levels 0…depth, fanout children per node; each node dials its parent and `redundancy - 1` of the parent's neighbours. */
function tree(depth: number, fanout: number, redundancy: number): MeshGraph {
  const links = new LinkSet();
  let previous = [0];
  let size = 1;
  for (let level = 1; level <= depth; level++) {
    const current: number[] = [];
    previous.forEach((_, parentIndex) => {
      for (let child = 0; child < fanout; child++) current.push(size++);
      const children = current.slice(-fanout);
      for (const node of children) for (let extra = 0; extra < Math.min(redundancy, previous.length); extra++) links.add(node, previous[(parentIndex + extra) % previous.length]!);
    });
    previous = current;
  }
  return { size, links: links.links };
}

function ring(size: number): MeshGraph {
  const links = new LinkSet();
  for (let node = 1; node < size; node++) links.add(node, node - 1);
  links.add(size - 1, 0);
  return { size, links: links.links };
}

/** Each node dials its left and upper neighbours. */
function grid(rows: number, cols: number): MeshGraph {
  const links = new LinkSet();
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const node = row * cols + col;
      if (col > 0) links.add(node, node - 1);
      if (row > 0) links.add(node, node - cols);
    }
  }
  return { size: rows * cols, links: links.links };
}

/** Spines first (node 0 among them), then leaves dialling every spine, then executors dialling `redundancy` leaves each. */
function clos(spines: number, leaves: number, executorsPerLeaf: number, redundancy: number): MeshGraph {
  const links = new LinkSet();
  const leafIds = Array.from({ length: leaves }, (_, index) => spines + index);
  for (const leaf of leafIds) for (let spine = 0; spine < spines; spine++) links.add(leaf, spine);
  let size = spines + leaves;
  leafIds.forEach((_, leafIndex) => {
    for (let executor = 0; executor < executorsPerLeaf; executor++) {
      const node = size++;
      for (let extra = 0; extra < redundancy; extra++) links.add(node, leafIds[(leafIndex + extra) % leaves]!);
    }
  });
  return { size, links: links.links };
}

/** A random spanning tree (always connected), then random extra links up to an average degree of `degree`. */
function random(size: number, degree: number, seed: number): MeshGraph {
  if (!Number.isInteger(degree) || degree < 1 || degree >= size) {
    throw new UsageError(`a random mesh of ${size} nodes needs a degree from 1 to ${size - 1}, got ${degree}`, "Lower --degree or raise --nodes.");
  }
  const next = seededRandom(seed);
  const pick = (below: number) => Math.floor(next() * below);
  const links = new LinkSet();
  for (let node = 1; node < size; node++) links.add(node, pick(node));
  const wanted = Math.max(size - 1, Math.round((size * degree) / 2));
  while (links.size < wanted) links.add(pick(size), pick(size));
  return { size, links: links.links };
}

function required(shape: ShapeName, name: string, value: number | undefined): number {
  if (value === undefined) throw new UsageError(`a ${shape} needs --${name}`, `See 'receptor-lab generate --help' for each shape's parameters.`);
  return value;
}

function atLeast(name: string, value: number, minimum: number): number {
  if (!Number.isInteger(value) || value < minimum) throw new UsageError(`--${name} must be a whole number ≥ ${minimum}, got ${value}`, "See 'receptor-lab generate --help'.");
  return value;
}
