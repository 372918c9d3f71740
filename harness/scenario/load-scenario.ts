import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { z } from "zod";
import { InputError, LabError, type InputProblem } from "../errors.js";
import type { Topology } from "../topology/model.js";
import { YamlDocument, type YamlPath } from "../topology/yaml-document.js";
import { zodProblems } from "../topology/zod-problems.js";
import type { Expectation, PayloadSource, Scenario, Step, StepBody } from "./scenario-model.js";
import { scenarioHeaderSchema, stepSchemas, type StepKeyword } from "./scenario-schema.js";

/** Finds a topology by built-in name or by a path relative to the scenario file. */
export type TopologyResolver = (reference: string, scenarioDir: string) => Promise<Topology>;

const scenarioHint = "See 'Writing a scenario' in README.md for the step kinds and their fields.";

export async function loadScenarioFile(file: string, resolveTopology: TopologyResolver): Promise<Scenario> {
  return parseScenario(file, await readFile(file, "utf8"), resolveTopology);
}

/** Validates the whole scenario before anything runs; all problems are reported together. */
export async function parseScenario(file: string, text: string, resolveTopology: TopologyResolver): Promise<Scenario> {
  const document = YamlDocument.parse(file, text);
  const header = scenarioHeaderSchema.safeParse(document.toJS());
  if (!header.success) throw new InputError(zodProblems(document, header.error), scenarioHint);

  let topology: Topology;
  try {
    topology = await resolveTopology(header.data.topology, dirname(file));
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = error instanceof LabError ? error.message : String(error);
    throw new InputError([document.problem(["topology"], message)], error instanceof LabError ? error.hint : scenarioHint);
  }

  const problems: InputProblem[] = [];
  const builder = new StepBuilder(document, topology, dirname(file), problems, header.data.groups);
  const steps = builder.build(header.data.steps);
  if (problems.length > 0) throw new InputError(problems, scenarioHint);
  return {
    name: header.data.name,
    title: header.data.title,
    description: header.data.description,
    reproduces: header.data.reproduces,
    source: file,
    topology,
    steps,
  };
}

const allowedKinds = Object.keys(stepSchemas).join(", ");
const expectationKinds = ["routes", "route", "traceroute", "connections", "known", "units", "ping", "unit", "any"];
const unitExpectationKeys = ["side", "state", "stdout-lines", "stdout-size", "partial", "converged", "files", "gone", "runner"];

class StepBuilder {
  private readonly aliases = new Map<string, { node: string; executor: string }>();
  private readonly nodeIds: string[];

  constructor(
    private readonly document: YamlDocument,
    private readonly topology: Topology,
    private readonly baseDir: string,
    private readonly problems: InputProblem[],
    private readonly groups: Record<string, string[]>,
  ) {
    this.nodeIds = topology.nodes.map((node) => node.id);
    for (const [name, members] of Object.entries(groups)) {
      if (this.nodeIds.includes(name)) this.report(["groups", name], `group '${name}' has the name of a node; pick another`, true);
      members.forEach((member, index) => this.node(member, ["groups", name, index]));
    }
  }

  build(rawSteps: unknown[]): Step[] {
    const steps: Step[] = [];
    rawSteps.forEach((raw, index) => {
      const path = ["steps", index];
      const line = this.document.locate(path).line;
      if (raw === null || typeof raw !== "object" || Array.isArray(raw) || Object.keys(raw).length !== 1) {
        this.report(path, `a step is a map with exactly one key, its kind (one of: ${allowedKinds})`);
        return;
      }
      const [keyword, value] = Object.entries(raw)[0]!;
      if (!(keyword in stepSchemas)) {
        this.report([...path, keyword], `unknown step kind '${keyword}'; allowed: ${allowedKinds}`, true);
        return;
      }
      const schema = stepSchemas[keyword as StepKeyword] as z.ZodType;
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        for (const problem of zodProblems(this.document, parsed.error, [...path, keyword])) {
          this.problems.push({ ...problem, message: `${keyword}: ${problem.message.replace(/^file: /, "")}` });
        }
        return;
      }
      const step = this.toStep(keyword as StepKeyword, parsed.data, [...path, keyword]);
      if (step) steps.push({ ...step, index: steps.length, line } as Step);
    });
    return steps;
  }

  private toStep(keyword: StepKeyword, data: any, path: YamlPath): StepBody | undefined {
    switch (keyword) {
      case "say":
        return { kind: "say", text: data };
      case "sleep":
        return { kind: "sleep", ms: data };
      case "stop":
      case "start":
      case "kill":
      case "pause":
      case "unpause": {
        const nodes = this.targets(data, path);
        return nodes ? { kind: "fault", action: keyword, nodes } : undefined;
      }
      case "restart": {
        const withDelay = typeof data === "object" && !Array.isArray(data);
        const nodes = this.targets(withDelay ? data.node : data, withDelay ? [...path, "node"] : path);
        return nodes ? { kind: "fault", action: "restart", nodes, ...(withDelay ? { afterMs: data.after } : {}) } : undefined;
      }
      case "heal":
        return { kind: "heal" };
      case "loss":
      case "delay": {
        const [a, b] = data.between as [string, string];
        if (!(this.node(a, [...path, "between", 0]) && this.node(b, [...path, "between", 1]))) return undefined;
        if (a === b) {
          this.report([...path, "between"], `${keyword}: 'between' names two different nodes`);
          return undefined;
        }
        if (keyword === "delay" && !this.linked(a, b)) {
          this.report([...path, "between"], `delay: there is no link between '${a}' and '${b}'; delay works on one link`);
          return undefined;
        }
        return keyword === "loss" ? { kind: "loss", between: [a, b], percent: data.percent } : { kind: "delay", between: [a, b], ms: data.ms };
      }
      case "partition":
        return this.partition(data, path);
      case "cancel":
      case "release":
      case "force-release": {
        const unit = typeof data === "string" ? data : data.unit;
        if (!this.unit(unit, typeof data === "string" ? path : [...path, "unit"])) return undefined;
        const options = typeof data === "object" ? data : {};
        return {
          kind: "unit-action",
          action: keyword,
          unit,
          ...(options.reply ? { reply: options.reply } : {}),
          ...(options.within !== undefined ? { withinMs: options.within } : {}),
        };
      }
      case "submit":
        return this.submit(data, path);
      case "wait":
        if (!this.unit(data.unit, [...path, "unit"])) return undefined;
        if (data["stdout-lines"] === undefined && data.state === undefined) {
          this.report(path, "wait: say what to wait for: 'stdout-lines: N' or 'state: Running'");
          return undefined;
        }
        return { kind: "wait", unit: data.unit, stdoutLines: data["stdout-lines"], state: data.state, withinMs: data.within };
      case "results":
        if (!this.unit(data.unit, [...path, "unit"])) return undefined;
        return { kind: "results", unit: data.unit, lines: data.lines, size: data.size, equals: data.equals, contains: data.contains, withinMs: data.within };
      case "expect": {
        const expectation = this.expectation(data, path);
        return expectation ? { kind: "expect", expectation, withinMs: data.within, holdMs: data.hold } : undefined;
      }
    }
  }

  private submit(data: any, path: YamlPath): StepBody | undefined {
    const ok = this.node(data.on, [...path, "on"]) && this.node(data.node, [...path, "node"]);
    if (!ok) return undefined;
    if (this.aliases.has(data.as)) {
      this.report([...path, "as"], `unit alias '${data.as}' is already used by an earlier submit`);
      return undefined;
    }
    const target = this.topology.nodes.find((node) => node.id === data.node)!;
    if (!target.workTypes.some((work) => work.name === data.worktype)) {
      const offered = target.workTypes.map((work) => work.name);
      this.report([...path, "worktype"], `'${data.node}' offers no work type '${data.worktype}'; it offers: ${offered.join(", ") || "(none)"}`);
      return undefined;
    }
    if (data.node !== data.on && !target.controlService) {
      this.report([...path, "node"], `'${data.node}' has no mesh control service (controlService: true), so '${data.on}' cannot submit work to it`);
      return undefined;
    }
    let payload: PayloadSource = { kind: "none" };
    if (typeof data.payload === "object" && "literal" in data.payload) payload = { kind: "literal", text: data.payload.literal };
    if (typeof data.payload === "object" && "file" in data.payload) {
      const file = resolve(this.baseDir, data.payload.file);
      if (!existsSync(file)) {
        this.report([...path, "payload", "file"], `payload file '${data.payload.file}' does not exist (looked at ${file})`);
        return undefined;
      }
      payload = { kind: "file", path: file };
    }
    this.aliases.set(data.as, { node: data.on, executor: data.node });
    return {
      kind: "submit",
      alias: data.as,
      on: data.on,
      node: data.node,
      workType: data.worktype,
      payload,
      ...(data.params !== undefined ? { params: data.params } : {}),
      ...(data.fails !== undefined ? { fails: data.fails } : {}),
    };
  }

  private expectation(data: any, path: YamlPath): Expectation | undefined {
    const kinds = expectationKinds.filter((key) => data[key] !== undefined);
    if (kinds.length !== 1) {
      this.report(path, `expect: give exactly one of ${expectationKinds.join(", ")} (got ${kinds.length ? kinds.join(", ") : "none"})`);
      return undefined;
    }
    const unitKeys = unitExpectationKeys.filter((key) => data[key] !== undefined);
    if (kinds[0] !== "unit" && unitKeys.length > 0) {
      this.report([...path, unitKeys[0]!], `expect: '${unitKeys[0]}' belongs to a unit expectation ('unit: <alias>')`);
      return undefined;
    }
    if (kinds[0] === "routes") return { what: "routes-converged" };
    if (kinds[0] === "any") {
      const of = (data.any as unknown[]).map((item, index) => this.expectation(item, [...path, "any", index]));
      return of.every((item) => item !== undefined) ? { what: "any", of: of as Expectation[] } : undefined;
    }
    if (kinds[0] === "unit") {
      if (!this.unit(data.unit, [...path, "unit"])) return undefined;
      if (unitKeys.length === 0) {
        this.report(path, `expect: say what to expect of the unit (${unitExpectationKeys.slice(1).join(", ")})`);
        return undefined;
      }
      const submitted = this.aliases.get(data.unit)!;
      if (data.runner !== undefined && (data.side ?? "controller") === "controller" && submitted.node !== submitted.executor) {
        this.report([...path, "runner"], `expect: '${data.unit}' runs on ${submitted.executor}, so its command runner is there: add 'side: executor'`);
        return undefined;
      }
      return {
        what: "unit",
        unit: data.unit,
        side: data.side ?? "controller",
        state: data.state,
        stdoutLines: data["stdout-lines"],
        stdoutSize: data["stdout-size"],
        partial: data.partial,
        converged: data.converged,
        files: data.files,
        gone: data.gone,
        runner: data.runner,
      };
    }
    if (data.on === undefined) {
      this.report(path, `expect: a ${kinds[0]} expectation needs 'on: <node>'`);
      return undefined;
    }
    if (!this.node(data.on, [...path, "on"])) return undefined;
    if (kinds[0] === "route") {
      const routes: Record<string, string | null> = {};
      for (const [destination, hop] of Object.entries(data.route as Record<string, string | null>)) {
        const ok = this.node(destination, [...path, "route", destination]) && (hop === null || hop === "any" || this.node(hop, [...path, "route", destination]));
        if (ok) routes[destination] = hop;
      }
      return { what: "route", on: data.on, routes };
    }
    if (kinds[0] === "units") return { what: "units", on: data.on, count: data.units };
    if (kinds[0] === "ping") {
      if (!this.node(data.ping, [...path, "ping"])) return undefined;
      return { what: "ping", on: data.on, target: data.ping, slowerThanMs: data["slower-than"], fasterThanMs: data["faster-than"] };
    }
    for (const key of ["slower-than", "faster-than"]) {
      if (data[key] !== undefined) {
        this.report([...path, key], `expect: '${key}' belongs to a ping expectation ('ping: <node>')`);
        return undefined;
      }
    }
    if (kinds[0] === "known") {
      for (const [node, peers] of Object.entries(data.known as Record<string, Record<string, number>>)) {
        this.node(node, [...path, "known", node]);
        for (const peer of Object.keys(peers)) this.node(peer, [...path, "known", node, peer]);
      }
      return { what: "known", on: data.on, known: data.known };
    }
    if (kinds[0] === "connections") {
      for (const peer of Object.keys(data.connections)) this.node(peer, [...path, "connections", peer]);
      return { what: "connections", on: data.on, connections: data.connections };
    }
    const entries = Object.entries(data.traceroute as Record<string, Array<string | string[]>>);
    if (entries.length !== 1) {
      this.report([...path, "traceroute"], "expect: traceroute takes one target: { <target>: [hop, hop, …] }");
      return undefined;
    }
    const [target, hops] = entries[0]!;
    this.node(target, [...path, "traceroute", target]);
    const pathHops = hops.map((hop) => (Array.isArray(hop) ? hop : [hop]));
    pathHops.forEach((alternatives, hopIndex) => alternatives.forEach((hop) => this.node(hop, [...path, "traceroute", target, hopIndex])));
    return { what: "traceroute", on: data.on, target, path: pathHops };
  }

  private partition(data: any, path: YamlPath): StepBody | undefined {
    if (data.isolate !== undefined) {
      return this.node(data.isolate, [...path, "isolate"]) ? { kind: "partition", spec: { kind: "isolate", node: data.isolate }, mode: data.mode } : undefined;
    }
    if (data.cut !== undefined) {
      const [a, b] = data.cut as [string, string];
      if (!(this.node(a, [...path, "cut", 0]) && this.node(b, [...path, "cut", 1]))) return undefined;
      if (!this.linked(a, b)) {
        this.report([...path, "cut"], `partition: there is no link between '${a}' and '${b}' to cut (use split for nodes that are not neighbours)`);
        return undefined;
      }
      return { kind: "partition", spec: { kind: "cut", a, b }, mode: data.mode };
    }
    const groups: string[][] = [];
    (data.split as Array<string | string[]>).forEach((side, index) => {
      const nodes = this.targets(side, [...path, "split", index]);
      if (nodes) groups.push(nodes);
    });
    const seen = new Set<string>();
    for (const node of groups.flat()) {
      if (seen.has(node)) {
        this.report([...path, "split"], `partition: '${node}' is on two sides of the split`);
        return undefined;
      }
      seen.add(node);
    }
    const names = (data.split as Array<string | string[]>).map((side) => (Array.isArray(side) ? side.join(", ") : side));
    return groups.length === data.split.length ? { kind: "partition", spec: { kind: "split", groups, names }, mode: data.mode } : undefined;
  }

  private linked(a: string, b: string): boolean {
    return this.topology.links.some((link) => (link.dialer === a && link.listener === b) || (link.dialer === b && link.listener === a));
  }

  /** Node ids and group names → node ids. */
  private targets(value: string | string[], path: YamlPath): string[] | undefined {
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

  private node(id: string, path: YamlPath): boolean {
    if (this.nodeIds.includes(id)) return true;
    this.report(path, `unknown node '${id}' in topology '${this.topology.name}'; its nodes: ${this.nodeIds.join(", ")}`);
    return false;
  }

  private unit(alias: string, path: YamlPath): boolean {
    if (this.aliases.has(alias)) return true;
    const known = [...this.aliases.keys()];
    this.report(path, `unknown unit alias '${alias}' (a unit gets an alias with 'submit: { as: … }' in an earlier step${known.length ? `; defined so far: ${known.join(", ")}` : ""})`);
    return false;
  }

  private report(path: YamlPath, message: string, atKey = false): void {
    this.problems.push({ location: atKey ? this.document.locateKey(path) : this.document.locate(path), message });
  }
}
