import Docker from "dockerode";
import { execa } from "execa";
import { UsageError } from "../../errors.js";
import type { EngineSet } from "./extra-engines.js";

/**
 * One engine a lab may use, as it is written into the lab's labels: its name (what a topology's
 * `engine:` pins to), its DOCKER_HOST-style endpoint, and the address its published ports are reached at.
 */
export interface EngineTarget {
  name: string;
  endpoint: string;
  reach: string;
}

/** The engine the harness itself talks to (DOCKER_HOST, or the local socket): always the swarm manager, named `host`. */
export function hostTarget(env: NodeJS.ProcessEnv, reach: string): EngineTarget {
  return { name: "host", endpoint: env.DOCKER_HOST ?? "unix:///var/run/docker.sock", reach };
}

export const engineListHint =
  "--engines takes 'local' (this machine's extra engines, see 'receptor-lab engines up') or a comma-separated list of NAME=ENDPOINT " +
  "(unix:///path, tcp://host:port, ssh://user@host) or Docker context names; the host engine (DOCKER_HOST) is always the first, named 'host'.";

/**
 * Parses `--engines`. `local` means the host engine and the extra engines `engines up` started;
 * otherwise each entry is NAME=ENDPOINT or a Docker context (`contextEndpoint` resolves it).
 */
export async function parseEngineList(
  value: string,
  host: EngineTarget,
  options: { extra?: EngineSet; contextEndpoint: (name: string) => Promise<string | undefined> },
): Promise<EngineTarget[]> {
  if (value.trim() === "local") {
    if (!options.extra) throw new UsageError("--engines local spreads each lab over this machine's extra engines, and none are up", "Start them with 'receptor-lab engines up 2' (as root), then run the command again.");
    return [host, ...options.extra.engines.map((engine) => ({ name: engine.name, endpoint: `unix://${engine.socket}`, reach: engine.address }))];
  }
  const targets: EngineTarget[] = [host];
  for (const entry of value.split(",").map((part) => part.trim()).filter(Boolean)) {
    const target = entry.includes("=") ? named(entry, options.extra) : await fromContext(entry, options);
    if (targets.some((other) => other.name === target.name)) throw new UsageError(`--engines names '${target.name}' twice ('host' is the engine DOCKER_HOST points at)`, engineListHint);
    if (targets.some((other) => other.endpoint === target.endpoint)) throw new UsageError(`--engines lists ${target.endpoint} twice (as '${targets.find((other) => other.endpoint === target.endpoint)!.name}' and '${target.name}')`, engineListHint);
    targets.push(target);
  }
  if (targets.length < 2) throw new UsageError("--engines lists no engine besides the host's", engineListHint);
  return targets;
}

function named(entry: string, extra: EngineSet | undefined): EngineTarget {
  const [name, endpoint] = [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)];
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name)) throw new UsageError(`'${name}' is not an engine name (a lowercase DNS label, e.g. edge-1)`, engineListHint);
  return { name, endpoint: checkEndpoint(endpoint), reach: reachOf(endpoint, extra) };
}

async function fromContext(name: string, options: { extra?: EngineSet; contextEndpoint: (name: string) => Promise<string | undefined> }): Promise<EngineTarget> {
  const endpoint = await options.contextEndpoint(name);
  if (!endpoint) throw new UsageError(`'${name}' is neither NAME=ENDPOINT nor a Docker context ('docker context ls' lists them)`, engineListHint);
  return { name: name.toLowerCase().replace(/[^a-z0-9-]/g, "-"), endpoint: checkEndpoint(endpoint), reach: reachOf(endpoint, options.extra) };
}

function checkEndpoint(endpoint: string): string {
  if (!/^(unix:\/\/\/.+|tcp:\/\/[^/]+:\d+\/?|ssh:\/\/[^/]+)$/.test(endpoint)) throw new UsageError(`'${endpoint}' is not a Docker endpoint`, engineListHint);
  return endpoint;
}

/** Published ports of a remote engine are reached at its host name; of a local socket at 127.0.0.1, or at an extra engine's namespace address. */
function reachOf(endpoint: string, extra: EngineSet | undefined): string {
  if (endpoint.startsWith("unix://")) return extra?.engines.find((engine) => `unix://${engine.socket}` === endpoint)?.address ?? "127.0.0.1";
  return new URL(endpoint).hostname;
}

/** A Docker client for a DOCKER_HOST-style endpoint (as the Docker CLI reads DOCKER_HOST). */
export function dockerAt(endpoint: string): Docker {
  if (endpoint.startsWith("unix://")) return new Docker({ socketPath: endpoint.slice("unix://".length) });
  const url = new URL(endpoint);
  if (url.protocol === "ssh:") return new Docker({ protocol: "ssh", host: url.hostname, port: Number(url.port || 22), ...(url.username ? { username: url.username } : {}) });
  return new Docker({ protocol: "http", host: url.hostname, port: Number(url.port) });
}

/** The endpoint of Docker context `name` (`docker context inspect`), or undefined when there is no such context. */
export async function dockerContextEndpoint(name: string): Promise<string | undefined> {
  const result = await execa("docker", ["context", "inspect", name, "--format", "{{.Endpoints.docker.Host}}"], { reject: false, timeout: 15_000 });
  return result.exitCode === 0 && result.stdout.trim() ? result.stdout.trim() : undefined;
}
