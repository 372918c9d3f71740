import { join } from "node:path";

/** The bridge that joins the extra engines' namespaces to the host, and the swarm's address pool. */
export const engineBridge = { name: "rlab-engines", subnet: "10.213.213.0/24", hostAddress: "10.213.213.1", prefix: 24 } as const;
/** Overlay networks the swarm hands out come from here, away from Docker's defaults and the bridge. */
export const swarmAddressPool = "10.214.0.0/16";
/** More would only share the same cores: the point of extra engines on one machine is tests and demos. */
export const maxExtraEngines = 8;

/** One extra Docker engine: its namespace, its address on the bridge, its files. */
export interface ExtraEngine {
  /** engine-1, engine-2, … */
  name: string;
  netns: string;
  /** Host end and namespace end of its veth pair. */
  hostVeth: string;
  nsVeth: string;
  address: string;
  /** unix socket path: DOCKER_HOST=unix://<socket>. */
  socket: string;
  dataRoot: string;
  execRoot: string;
  pidFile: string;
  log: string;
}

/**
 * Names, addresses and paths of `count` extra engines. Data roots live under the cache folder (so
 * an image loaded once stays); sockets and exec roots under /run, whose short paths keep within
 * the unix socket limit.
 */
export function planEngines(count: number, cacheDir: string, runDir = "/run/receptor-lab"): ExtraEngine[] {
  return Array.from({ length: count }, (_, offset) => {
    const index = offset + 1;
    const name = `engine-${index}`;
    const run = join(runDir, name);
    return {
      name,
      netns: `rlab-${name}`,
      hostVeth: `rlab-e${index}h`,
      nsVeth: `rlab-e${index}n`,
      address: `10.213.213.${10 + index}`,
      socket: join(run, "docker.sock"),
      dataRoot: join(cacheDir, "engines", name),
      execRoot: join(run, "exec"),
      pidFile: join(run, "docker.pid"),
      log: join(run, "dockerd.log"),
    };
  });
}
