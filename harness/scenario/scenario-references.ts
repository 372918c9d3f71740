import type { InputProblem } from "../errors.js";
import type { Link, Topology } from "../topology/model.js";
import type { YamlDocument, YamlPath } from "../topology/yaml-document.js";

/**
 * What a scenario's steps may name (nodes, groups, unit aliases, links) and where its problems
 * are reported: each reference is checked against the topology and the steps before it.
 */
export class ScenarioReferences {
  /** Unit aliases defined so far: where each was submitted and which node runs it. */
  readonly aliases = new Map<string, { node: string; executor: string }>();
  readonly nodeIds: string[];
  /** Links earlier reconfigure steps added (a later one may drop them again). */
  readonly reconfigured: Link[] = [];
  /** Moments named by earlier mark steps. */
  readonly marks = new Set<string>();

  constructor(
    private readonly document: YamlDocument,
    readonly topology: Topology,
    private readonly problems: InputProblem[],
    readonly groups: Record<string, string[]>,
  ) {
    this.nodeIds = topology.nodes.map((node) => node.id);
    for (const [name, members] of Object.entries(groups)) {
      if (this.nodeIds.includes(name)) this.report(["groups", name], `group '${name}' has the name of a node; pick another`, true);
      members.forEach((member, index) => this.node(member, ["groups", name, index]));
    }
  }

  linked(a: string, b: string): boolean {
    return this.topology.links.some((link) => (link.dialer === a && link.listener === b) || (link.dialer === b && link.listener === a));
  }

  /** Node ids and group names → node ids. */
  targets(value: string | string[], path: YamlPath): string[] | undefined {
    const names = Array.isArray(value) ? value : [value];
    const nodes: string[] = [];
    let ok = true;
    names.forEach((name, index) => {
      const where = Array.isArray(value) ? [...path, index] : path;
      if (this.groups[name]) nodes.push(...this.groups[name]!);
      else if (this.nodeIds.includes(name)) nodes.push(name);
      else {
        const groups = Object.keys(this.groups);
        this.report(where, `unknown node or group '${name}' in topology '${this.topology.name}'; its nodes: ${this.nodeIds.join(", ")}${groups.length ? `; groups: ${groups.join(", ")}` : ""}`);
        ok = false;
      }
    });
    return ok ? [...new Set(nodes)] : undefined;
  }

  node(id: string, path: YamlPath): boolean {
    if (this.nodeIds.includes(id)) return true;
    this.report(path, `unknown node '${id}' in topology '${this.topology.name}'; its nodes: ${this.nodeIds.join(", ")}`);
    return false;
  }

  unit(alias: string, path: YamlPath): boolean {
    if (this.aliases.has(alias)) return true;
    const known = [...this.aliases.keys()];
    this.report(path, `unknown unit alias '${alias}' (a unit gets an alias with 'submit: { as: … }' in an earlier step${known.length ? `; defined so far: ${known.join(", ")}` : ""})`);
    return false;
  }

  mark(name: string, path: YamlPath): boolean {
    if (this.marks.has(name)) return true;
    const known = [...this.marks];
    this.report(path, `unknown mark '${name}' (a moment gets a name with a 'mark: ${name}' step before this one${known.length ? `; marks so far: ${known.join(", ")}` : ""})`);
    return false;
  }

  report(path: YamlPath, message: string, atKey = false): void {
    this.problems.push({ location: atKey ? this.document.locateKey(path) : this.document.locate(path), message });
  }
}
