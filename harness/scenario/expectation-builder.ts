import type { YamlPath } from "../topology/yaml-document.js";
import type { Expectation } from "./scenario-model.js";
import type { ScenarioReferences } from "./scenario-references.js";

const expectationKinds = ["routes", "route", "traceroute", "connections", "known", "units", "ping", "log", "exited", "services", "secure-work", "unit", "any"];
const unitExpectationKeys = ["side", "state", "stdout-lines", "stdout-size", "partial", "converged", "files", "gone", "runner", "detail"];

/**
 * An `expect:` step's expectation, checked against the topology and the units defined so far
 * (`data` is the step as written, already checked against the schema).
 */
export function buildExpectation(data: any, path: YamlPath, refs: ScenarioReferences): Expectation | undefined {
  const kinds = expectationKinds.filter((key) => data[key] !== undefined);
  if (kinds.length !== 1) {
    refs.report(path, `expect: give exactly one of ${expectationKinds.join(", ")} (got ${kinds.length ? kinds.join(", ") : "none"})`);
    return undefined;
  }
  const unitKeys = unitExpectationKeys.filter((key) => data[key] !== undefined);
  if (kinds[0] !== "unit" && unitKeys.length > 0) {
    refs.report([...path, unitKeys[0]!], `expect: '${unitKeys[0]}' belongs to a unit expectation ('unit: <alias>')`);
    return undefined;
  }
  const countKeys = ["count", "at-least", "at-most", "since"].filter((key) => data[key] !== undefined);
  if (kinds[0] !== "log" && countKeys.length > 0) {
    const what = countKeys[0] === "since" ? "limits log lines to those after a mark" : "counts log lines";
    refs.report([...path, countKeys[0]!], `expect: '${countKeys[0]}' ${what}; it goes with 'log: <text or /regex/>'`);
    return undefined;
  }
  if (kinds[0] === "routes") return { what: "routes-converged" };
  if (kinds[0] === "any") {
    const of = (data.any as unknown[]).map((item, index) => buildExpectation(item, [...path, "any", index], refs));
    return of.every((item) => item !== undefined) ? { what: "any", of: of as Expectation[] } : undefined;
  }
  if (kinds[0] === "unit") {
    if (!refs.unit(data.unit, [...path, "unit"])) return undefined;
    if (unitKeys.length === 0) {
      refs.report(path, `expect: say what to expect of the unit (${unitExpectationKeys.slice(1).join(", ")})`);
      return undefined;
    }
    const submitted = refs.aliases.get(data.unit)!;
    if (data.runner !== undefined && (data.side ?? "controller") === "controller" && submitted.node !== submitted.executor) {
      refs.report([...path, "runner"], `expect: '${data.unit}' runs on ${submitted.executor}, so its command runner is there: add 'side: executor'`);
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
      detail: data.detail,
    };
  }
  if (data.on === undefined) {
    refs.report(path, `expect: a ${kinds[0]} expectation needs 'on: <node>'`);
    return undefined;
  }
  if (!refs.node(data.on, [...path, "on"])) return undefined;
  if (kinds[0] === "route") {
    const routes: Record<string, string | null> = {};
    for (const [destination, hop] of Object.entries(data.route as Record<string, string | null>)) {
      const ok = refs.node(destination, [...path, "route", destination]) && (hop === null || hop === "any" || refs.node(hop, [...path, "route", destination]));
      if (ok) routes[destination] = hop;
    }
    return { what: "route", on: data.on, routes };
  }
  if (kinds[0] === "units") return { what: "units", on: data.on, count: data.units };
  if (kinds[0] === "ping") {
    if (!refs.node(data.ping, [...path, "ping"])) return undefined;
    if (data.fails !== undefined && (data["slower-than"] !== undefined || data["faster-than"] !== undefined)) {
      refs.report([...path, "fails"], "expect: a ping that fails has no round trip; drop slower-than/faster-than");
      return undefined;
    }
    return { what: "ping", on: data.on, target: data.ping, slowerThanMs: data["slower-than"], fasterThanMs: data["faster-than"], fails: data.fails };
  }
  if (kinds[0] === "log") return logExpectation(data, path, refs);
  if (kinds[0] === "exited") return { what: "exited", on: data.on };
  if (kinds[0] === "services") {
    for (const node of Object.keys(data.services)) refs.node(node, [...path, "services", node]);
    return { what: "services", on: data.on, services: data.services };
  }
  if (kinds[0] === "secure-work") {
    for (const node of Object.keys(data["secure-work"])) refs.node(node, [...path, "secure-work", node]);
    return { what: "secure-work", on: data.on, secureWork: data["secure-work"] };
  }
  for (const key of ["slower-than", "faster-than", "fails"]) {
    if (data[key] !== undefined && !(key === "fails" && kinds[0] === "traceroute")) {
      refs.report([...path, key], `expect: '${key}' belongs to a ping${key === "fails" ? " or traceroute" : ""} expectation ('ping: <node>')`);
      return undefined;
    }
  }
  if (kinds[0] === "known") {
    for (const [node, peers] of Object.entries(data.known as Record<string, Record<string, number>>)) {
      refs.node(node, [...path, "known", node]);
      for (const peer of Object.keys(peers)) refs.node(peer, [...path, "known", node, peer]);
    }
    return { what: "known", on: data.on, known: data.known };
  }
  if (kinds[0] === "connections") {
    for (const peer of Object.keys(data.connections)) refs.node(peer, [...path, "connections", peer]);
    return { what: "connections", on: data.on, connections: data.connections };
  }
  const entries = Object.entries(data.traceroute as Record<string, Array<string | string[]>>);
  if (entries.length !== 1) {
    refs.report([...path, "traceroute"], "expect: traceroute takes one target: { <target>: [hop, hop, …] }");
    return undefined;
  }
  const [target, hops] = entries[0]!;
  refs.node(target, [...path, "traceroute", target]);
  const pathHops = hops.map((hop) => (Array.isArray(hop) ? hop : [hop]));
  pathHops.forEach((alternatives, hopIndex) => alternatives.forEach((hop) => refs.node(hop, [...path, "traceroute", target, hopIndex])));
  return { what: "traceroute", on: data.on, target, path: pathHops, ...(data.fails !== undefined ? { fails: data.fails } : {}) };
}

/** A log expectation: its /regex/ must compile; `count`, `at-least`, `at-most` bound the matching lines. */
function logExpectation(data: any, path: YamlPath, refs: ScenarioReferences): Expectation | undefined {
  const pattern = data.log as string;
  if (/^\/.+\/$/.test(pattern)) {
    try {
      new RegExp(pattern.slice(1, -1));
    } catch (error) {
      refs.report([...path, "log"], `expect: the log pattern ${pattern} is not a regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, "")}`);
      return undefined;
    }
  }
  const bounds = { count: data.count, atLeast: data["at-least"], atMost: data["at-most"] };
  if (bounds.count !== undefined && (bounds.atLeast !== undefined || bounds.atMost !== undefined)) {
    refs.report([...path, "count"], "expect: 'count' is an exact number of lines; drop at-least/at-most, or use them without count");
    return undefined;
  }
  if (bounds.atLeast !== undefined && bounds.atMost !== undefined && bounds.atLeast > bounds.atMost) {
    refs.report([...path, "at-least"], `expect: at-least ${bounds.atLeast} is more than at-most ${bounds.atMost}`);
    return undefined;
  }
  if (data.since !== undefined && !refs.mark(data.since, [...path, "since"])) return undefined;
  const counted = bounds.count !== undefined || bounds.atLeast !== undefined || bounds.atMost !== undefined;
  const atMost = bounds.count ?? bounds.atMost;
  const lines = { atLeast: bounds.count ?? bounds.atLeast ?? 0, ...(atMost !== undefined ? { atMost } : {}) };
  return { what: "log", on: data.on, pattern, ...(counted ? { lines } : {}), ...(data.since !== undefined ? { since: data.since } : {}) };
}
