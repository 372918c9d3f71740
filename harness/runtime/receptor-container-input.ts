import { CONTROL_PORT } from "../topology/load-topology.js";

/**
 * Checks for ReceptorContainer's builder input. Each value is checked once, where it enters,
 * and the error says what was expected and what was received (execa's style).
 */

/** Receptor's own rule for a node id (pkg/types/main.go in 1.6.5), plus "not empty". */
const nodeIdPattern = /^[A-Za-z0-9.\-_@:]+$/;
/** A work type is sent as one token of a plain-text `work submit`: no whitespace. */
const workTypePattern = /^\S+$/;
export const logLevels = ["error", "warning", "info", "debug"] as const;
export type LogLevel = (typeof logLevels)[number];

/** How a received value reads in a message: strings quoted, numbers bare, others with their type. */
function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return String(value);
  if (value === null) return "null";
  if (typeof value === "object") return `${JSON.stringify(value) ?? String(value)} (${Array.isArray(value) ? "array" : "object"})`;
  return `${String(value)} (${typeof value})`;
}

function expected(name: string, what: string, value: unknown): TypeError {
  return new TypeError(`Expected \`${name}\` to be ${what}, got ${shown(value)}`);
}

export function checkNodeId(id: unknown, name = "nodeId"): string {
  if (typeof id !== "string" || !nodeIdPattern.test(id)) {
    throw expected(name, "a Receptor node id (letters, digits and . - _ @ :)", id);
  }
  if (id.toLowerCase() === "localhost") {
    throw new TypeError(`Expected \`${name}\` not to be ${shown(id)}: Receptor reserves that name for the local node`);
  }
  return id;
}

export function checkPort(port: unknown, name = "port"): number {
  if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw expected(name, "an integer 1–65535", port);
  }
  return port;
}

/** A listener port: any TCP port but the control service's. */
export function checkListenerPort(port: unknown): number {
  const checked = checkPort(port);
  if (checked === CONTROL_PORT) {
    throw new TypeError(`Expected \`port\` not to be ${CONTROL_PORT}: the control service listens there; pick another listener port`);
  }
  return checked;
}

export function checkCost(cost: unknown, name = "cost"): number {
  if (typeof cost !== "number" || !Number.isFinite(cost) || cost <= 0) {
    throw expected(name, "a number greater than 0", cost);
  }
  return cost;
}

/** Receptor's `nodecost`: dialling node id → the cost of its connection to this listener. */
export function checkNodeCost(nodeCost: unknown): Record<string, number> {
  if (typeof nodeCost !== "object" || nodeCost === null || Array.isArray(nodeCost)) {
    throw expected("nodeCost", "an object of node id → cost", nodeCost);
  }
  const checked: Record<string, number> = {};
  for (const [node, cost] of Object.entries(nodeCost)) {
    checked[checkNodeId(node, "nodeCost")] = checkCost(cost, `nodeCost.${node}`);
  }
  return checked;
}

/** `host:port` (an IPv6 host in brackets), as Receptor's tcp-peer `address` takes it. */
export function checkPeerAddress(address: unknown): string {
  const what = "'host:port' (e.g. 'node-a:7323')";
  if (typeof address !== "string") throw expected("address", what, address);
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^\s:[\]/]+):(\d+)$/.exec(address);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) throw expected("address", what, address);
  return address;
}

export function checkWorkType(workType: unknown): string {
  if (typeof workType !== "string" || !workTypePattern.test(workType)) {
    throw expected("workType", "a non-empty name without whitespace", workType);
  }
  return workType;
}

export function checkCommand(command: unknown): string {
  if (typeof command !== "string" || command.trim() === "") {
    throw expected("command", "the non-empty path or name of a program in the image", command);
  }
  return command;
}

export function checkParams(params: unknown): string | undefined {
  if (params !== undefined && typeof params !== "string") throw expected("params", "a string (Receptor splits it like a shell)", params);
  return params;
}

export function checkBoolean(value: unknown, name: string): boolean {
  if (value !== undefined && typeof value !== "boolean") throw expected(name, "a boolean", value);
  return value ?? false;
}

export function checkLogLevel(level: unknown): LogLevel {
  if (typeof level !== "string" || !(logLevels as readonly string[]).includes(level)) {
    throw expected("level", `one of ${logLevels.join(", ")}`, level);
  }
  return level as LogLevel;
}
