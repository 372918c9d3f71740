/**
 * A generated mesh before it becomes topology YAML: nodes in order and links where the later
 * node dials the earlier one (`dialer > listener`), so start waves never meet a dial cycle.
 */
export interface MeshGraph {
  /** How many nodes; node 0 is the controller. */
  size: number;
  links: Array<{ dialer: number; listener: number }>;
}

/** Links as a set of `dialer>listener` keys, added once each, always from the later node. */
export class LinkSet {
  private readonly keys = new Set<string>();
  readonly links: MeshGraph["links"] = [];

  add(a: number, b: number): void {
    if (a === b) return;
    const [dialer, listener] = a > b ? [a, b] : [b, a];
    const key = `${dialer}>${listener}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.links.push({ dialer, listener });
  }

  has(a: number, b: number): boolean {
    return this.keys.has(a > b ? `${a}>${b}` : `${b}>${a}`);
  }

  get size(): number {
    return this.links.length;
  }
}
