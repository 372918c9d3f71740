import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { z } from "zod";
import { InputError, LabError, type InputProblem } from "../errors.js";
import type { Topology } from "../topology/model.js";
import { YamlDocument, type YamlPath } from "../topology/yaml-document.js";
import { zodProblems } from "../topology/zod-problems.js";
import { buildExpectation } from "./expectation-builder.js";
import type { Scenario, Step, StepBody } from "./scenario-model.js";
import { ScenarioReferences } from "./scenario-references.js";
import { reconfigureStep, submitStep } from "./unit-step-builders.js";
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
  problems.push(...signatureProblems(document, header.data, header.data.steps));
  if (problems.length > 0) throw new InputError(problems, scenarioHint);
  return {
    name: header.data.name,
    title: header.data.title,
    description: header.data.description,
    reproduces: header.data.reproduces,
    ...(header.data.bug ? { bug: header.data.bug } : {}),
    ...(header.data.chaos ? { chaos: header.data.chaos } : {}),
    source: file,
    topology,
    steps,
  };
}

/**
 * A bug scenario has exactly one signature step; a chaos run's has one per known bug it looks
 * for, each naming the bug; any other scenario has none.
 */
function signatureProblems(document: YamlDocument, header: { bug?: { issue: number }; chaos?: unknown }, rawSteps: unknown[]): InputProblem[] {
  const signatures = rawSteps.flatMap((raw, index) => (raw !== null && typeof raw === "object" && "signature" in raw ? [{ index, issue: issueOf(raw.signature) }] : []));
  if (header.bug && header.chaos) return [document.problem(["chaos"], "a scenario is a bug scenario or a chaos run's, not both: drop 'chaos:' (or 'bug:')")];
  if (header.chaos) {
    return signatures.flatMap(({ index, issue }) => (issue === undefined ? [document.problem(["steps", index, "signature"], "in a chaos run's scenario a signature names its known bug: add 'issue: <number>'")] : []));
  }
  if (!header.bug) return signatures.map(({ index }) => document.problem(["steps", index, "signature"], "a signature step belongs to a bug scenario: add 'bug: { issue, status, observable }' to the file, or use expect"));
  if (signatures.length === 0) return [document.problem(["bug"], "a bug scenario needs one 'signature: { buggy, fixed, within }' step: it is what tells a build with the bug from one without")];
  const bugIssue = header.bug.issue;
  return [
    ...signatures.slice(1).map(({ index }) => document.problem(["steps", index, "signature"], "a bug scenario has one signature step; this is a second")),
    ...signatures.flatMap(({ index, issue }) => (issue !== undefined && issue !== bugIssue ? [document.problem(["steps", index, "signature", "issue"], `this bug scenario is #${bugIssue}: its signature's issue is that one (or leave it out)`)] : [])),
  ];
}

function issueOf(signature: unknown): number | undefined {
  const issue = signature !== null && typeof signature === "object" ? (signature as { issue?: unknown }).issue : undefined;
  return typeof issue === "number" ? issue : undefined;
}

const allowedKinds = Object.keys(stepSchemas).join(", ");

class StepBuilder {
  private readonly refs: ScenarioReferences;

  constructor(
    private readonly document: YamlDocument,
    topology: Topology,
    private readonly baseDir: string,
    private readonly problems: InputProblem[],
    groups: Record<string, string[]>,
  ) {
    this.refs = new ScenarioReferences(document, topology, problems, groups);
  }

  build(rawSteps: unknown[]): Step[] {
    const steps: Step[] = [];
    rawSteps.forEach((raw, index) => {
      const path = ["steps", index];
      const line = this.document.locate(path).line;
      if (raw === null || typeof raw !== "object" || Array.isArray(raw) || Object.keys(raw).length !== 1) {
        this.refs.report(path, `a step is a map with exactly one key, its kind (one of: ${allowedKinds})`);
        return;
      }
      const [keyword, value] = Object.entries(raw)[0]!;
      if (!(keyword in stepSchemas)) {
        this.refs.report([...path, keyword], `unknown step kind '${keyword}'; allowed: ${allowedKinds}`, true);
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
      case "mark":
        if (this.refs.marks.has(data)) {
          this.refs.report(path, `mark '${data}' is already the name of an earlier moment; pick another`);
          return undefined;
        }
        this.refs.marks.add(data);
        return { kind: "mark", name: data };
      case "stop":
      case "start":
      case "kill":
      case "pause":
      case "unpause": {
        const nodes = this.refs.targets(data, path);
        return nodes ? { kind: "fault", action: keyword, nodes } : undefined;
      }
      case "restart": {
        const withDelay = typeof data === "object" && !Array.isArray(data);
        const nodes = this.refs.targets(withDelay ? data.node : data, withDelay ? [...path, "node"] : path);
        return nodes ? { kind: "fault", action: "restart", nodes, ...(withDelay ? { afterMs: data.after } : {}) } : undefined;
      }
      case "heal":
        return { kind: "heal" };
      case "upgrade":
      case "downgrade":
      case "rolling-upgrade": {
        const rolling = keyword === "rolling-upgrade";
        const nodes = rolling ? this.refs.targets(data.nodes, [...path, "nodes"]) : this.refs.node(data.node, [...path, "node"]) ? [data.node as string] : undefined;
        const direction = keyword === "downgrade" ? "downgrade" : "upgrade";
        return nodes ? { kind: "upgrade", direction, nodes, to: data.to, pauseMs: rolling ? data.pause : 0, at: this.document.locate([...path, "to"]) } : undefined;
      }
      case "loss":
      case "delay": {
        const [a, b] = data.between as [string, string];
        if (!(this.refs.node(a, [...path, "between", 0]) && this.refs.node(b, [...path, "between", 1]))) return undefined;
        if (a === b) {
          this.refs.report([...path, "between"], `${keyword}: 'between' names two different nodes`);
          return undefined;
        }
        if (keyword === "delay" && !this.refs.linked(a, b)) {
          this.refs.report([...path, "between"], `delay: there is no link between '${a}' and '${b}'; delay works on one link`);
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
        if (!this.refs.unit(unit, typeof data === "string" ? path : [...path, "unit"])) return undefined;
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
        return submitStep(data, path, this.refs, this.baseDir);
      case "reconfigure":
        return reconfigureStep(data, path, this.refs);
      case "wait":
        if (!this.refs.unit(data.unit, [...path, "unit"])) return undefined;
        if (data["stdout-lines"] === undefined && data.state === undefined) {
          this.refs.report(path, "wait: say what to wait for: 'stdout-lines: N' or 'state: Running'");
          return undefined;
        }
        return { kind: "wait", unit: data.unit, stdoutLines: data["stdout-lines"], state: data.state, withinMs: data.within };
      case "results":
        if (!this.refs.unit(data.unit, [...path, "unit"])) return undefined;
        return { kind: "results", unit: data.unit, lines: data.lines, size: data.size, equals: data.equals, contains: data.contains, withinMs: data.within };
      case "signature": {
        const buggy = buildExpectation(data.buggy, [...path, "buggy"], this.refs);
        const fixed = buildExpectation(data.fixed, [...path, "fixed"], this.refs);
        return buggy && fixed ? { kind: "signature", buggy, fixed, withinMs: data.within, holdMs: data.hold, ...(data.issue ? { issue: data.issue } : {}) } : undefined;
      }
      case "expect": {
        const expectation = buildExpectation(data, path, this.refs);
        return expectation ? { kind: "expect", expectation, withinMs: data.within, holdMs: data.hold } : undefined;
      }
    }
  }

  private partition(data: any, path: YamlPath): StepBody | undefined {
    if (data.isolate !== undefined) {
      return this.refs.node(data.isolate, [...path, "isolate"]) ? { kind: "partition", spec: { kind: "isolate", node: data.isolate }, mode: data.mode } : undefined;
    }
    if (data.cut !== undefined) {
      const [a, b] = data.cut as [string, string];
      if (!(this.refs.node(a, [...path, "cut", 0]) && this.refs.node(b, [...path, "cut", 1]))) return undefined;
      if (!this.refs.linked(a, b)) {
        this.refs.report([...path, "cut"], `partition: there is no link between '${a}' and '${b}' to cut (use split for nodes that are not neighbours)`);
        return undefined;
      }
      return { kind: "partition", spec: { kind: "cut", a, b }, mode: data.mode };
    }
    const groups: string[][] = [];
    (data.split as Array<string | string[]>).forEach((side, index) => {
      const nodes = this.refs.targets(side, [...path, "split", index]);
      if (nodes) groups.push(nodes);
    });
    const seen = new Set<string>();
    for (const node of groups.flat()) {
      if (seen.has(node)) {
        this.refs.report([...path, "split"], `partition: '${node}' is on two sides of the split`);
        return undefined;
      }
      seen.add(node);
    }
    const names = (data.split as Array<string | string[]>).map((side) => (Array.isArray(side) ? side.join(", ") : side));
    return groups.length === data.split.length ? { kind: "partition", spec: { kind: "split", groups, names }, mode: data.mode } : undefined;
  }
}
