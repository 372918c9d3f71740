import type { Link, NodeId, Topology, TopologyNode } from "../topology/model.js";
import { seededRandom } from "../topology/generate/seeded-random.js";

export const chaosFaultKinds = ["stop", "kill", "pause", "partition", "loss", "delay", "restart"] as const;
export type ChaosFaultKind = (typeof chaosFaultKinds)[number];

export type ChaosFault =
  | { kind: "stop" | "kill" | "pause"; nodes: NodeId[] }
  /** Stopped, held down, started again. */
  | { kind: "restart"; nodes: NodeId[] }
  | { kind: "partition"; cut: [NodeId, NodeId] }
  | { kind: "partition"; isolate: NodeId }
  | { kind: "partition"; split: [NodeId[], NodeId[]] }
  | { kind: "loss"; between: [NodeId, NodeId]; percent: number }
  | { kind: "delay"; between: [NodeId, NodeId]; ms: number };

/** One work unit of the workload: submitted on a controller, run on an executor. */
export interface ChaosJob {
  /** Stable across shrinking: `r<round>-<controller>-<executor>-<n>`. */
  alias: string;
  on: NodeId;
  node: NodeId;
  workType: string;
  payload: string;
}

/** Work submitted, a pause, one fault held for a while, the heal, a quiet period. */
export interface ChaosRound {
  /** 1-based, as in the original schedule (kept when shrinking drops rounds). */
  index: number;
  jobs: ChaosJob[];
  /** Between the submissions and the fault, so longer jobs are mid-run when it hits. */
  leadMs: number;
  fault: ChaosFault;
  holdMs: number;
  /** After the routes have converged again, before the next round. */
  quietMs: number;
}

export interface ChaosSchedule {
  seed: number;
  rounds: ChaosRound[];
}

export interface ScheduleOptions {
  seed: number;
  /** Fault rounds; or as many as `durationMs` holds (planned, not measured). */
  rounds?: number;
  durationMs?: number;
  faults: readonly ChaosFaultKind[];
  /** Work units per controller → executor pair per round (0: no workload). */
  jobsPerPair: number;
}

/** Who submits work (a control service, no work types of its own) and who runs it. */
export interface ChaosRoles {
  controllers: NodeId[];
  executors: NodeId[];
}

export function chaosRoles(topology: Topology): ChaosRoles {
  const live = topology.nodes.filter((node) => !node.exitsAtStartup);
  return {
    controllers: live.filter((node) => node.controlService && node.workTypes.length === 0).map((node) => node.id),
    executors: live.filter((node) => node.controlService && plainWorkTypes(node).length > 0).map((node) => node.id),
  };
}

/** Each unit's check at the end takes about this long (measured: 0.75 s on complex; a known bug's hold adds 30 s). */
const unitCheckMs = 800;

/** What a round is planned to take, for --duration: convergence after the heal estimated at 10 s, and its units' checks. */
export function plannedRoundMs(round: ChaosRound): number {
  return round.leadMs + round.holdMs + 10_000 + round.quietMs + round.jobs.length * unitCheckMs;
}

/** Room left at the end of a --duration run for every unit to settle. */
export const settleAllowanceMs = 60_000;

/**
 * The fault schedule for a seed: pure, so one seed on one topology always gives one schedule.
 * Targets are one node, a minority, a link, a node cut off, or a random split.
 */
export function chaosSchedule(topology: Topology, options: ScheduleOptions): ChaosSchedule {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (low: number, high: number) => Math.round(low + random() * (high - low));
  const time = (ms: number) => Math.round(ms / 100) * 100;
  const roles = chaosRoles(topology);
  const faultable = topology.nodes.filter((node) => !node.exitsAtStartup);
  const links = topology.links.filter((link) => !link.rejected);

  const rounds: ChaosRound[] = [];
  let plannedMs = 0;
  for (let index = 1; ; index++) {
    if (options.rounds !== undefined && index > options.rounds) break;
    const jobs = roles.controllers.flatMap((on) =>
      roles.executors.flatMap((node) =>
        Array.from({ length: options.jobsPerPair }, (_, n) => ({
          alias: `r${index}-${on}-${node}-${n + 1}`,
          on,
          node,
          workType: pick(workTypesOf(topology, node)),
          payload: `chaos seed ${options.seed} round ${index} job ${n + 1}`,
        })),
      ),
    );
    const kind = pick(options.faults);
    const round: ChaosRound = {
      index,
      jobs,
      leadMs: time(between(1_000, 6_000)),
      fault: faultOf(kind, faultable, links, random, pick, between),
      // mostly short holds, now and then one past the idle timeout (21–26 s)
      holdMs: time(3_000 + 57_000 * random() ** 2),
      quietMs: time(between(0, 5_000)),
    };
    if (options.durationMs !== undefined && options.rounds === undefined && index > 1 && plannedMs + plannedRoundMs(round) + settleAllowanceMs > options.durationMs) break;
    plannedMs += plannedRoundMs(round);
    rounds.push(round);
  }
  return { seed: options.seed, rounds };
}

function workTypesOf(topology: Topology, node: NodeId): string[] {
  return plainWorkTypes(topology.nodes.find((candidate) => candidate.id === node)!);
}

/** Work types anyone may submit (signed work is left to scenarios that sign it). */
function plainWorkTypes(node: TopologyNode): string[] {
  return node.workTypes.filter((type) => !type.verifySignature).map((type) => type.name);
}

function faultOf(
  kind: ChaosFaultKind,
  nodes: TopologyNode[],
  links: Link[],
  random: () => number,
  pick: <T>(items: readonly T[]) => T,
  between: (low: number, high: number) => number,
): ChaosFault {
  const ids = nodes.map((node) => node.id);
  const link = (): [NodeId, NodeId] => {
    const chosen = pick(links);
    return [chosen.dialer, chosen.listener];
  };
  switch (kind) {
    case "stop":
    case "kill":
    case "pause":
    case "restart":
      return { kind, nodes: minority(ids, random) };
    case "partition": {
      const shape = links.length > 0 ? pick(["cut", "isolate", "split"] as const) : pick(["isolate", "split"] as const);
      if (shape === "cut") return { kind, cut: link() };
      if (shape === "isolate") return { kind, isolate: pick(ids) };
      const shuffled = shuffle(ids, random);
      const at = between(1, shuffled.length - 1);
      return { kind, split: [shuffled.slice(0, at).sort(), shuffled.slice(at).sort()] };
    }
    case "loss":
      return links.length > 0 ? { kind, between: link(), percent: between(20, 80) } : { kind: "stop", nodes: minority(ids, random) };
    case "delay":
      return links.length > 0 ? { kind, between: link(), ms: between(100, 1_000) } : { kind: "stop", nodes: minority(ids, random) };
  }
}

/** One node most of the time, otherwise up to a minority of them. */
function minority(ids: NodeId[], random: () => number): NodeId[] {
  const most = Math.max(1, Math.floor((ids.length - 1) / 2));
  const count = random() < 0.7 ? 1 : 1 + Math.floor(random() * most);
  return shuffle(ids, random).slice(0, count).sort();
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** One line for the console and the scenario's narration. */
export function describeFault(fault: ChaosFault): string {
  switch (fault.kind) {
    case "stop":
    case "kill":
    case "pause":
    case "restart":
      return `${fault.kind} ${fault.nodes.join(", ")}`;
    case "partition":
      if ("cut" in fault) return `cut ${fault.cut.join(" ⇹ ")}`;
      if ("isolate" in fault) return `isolate ${fault.isolate}`;
      return `split {${fault.split[0].join(", ")}} | {${fault.split[1].join(", ")}}`;
    case "loss":
      return `${fault.percent}% loss ${fault.between.join(" ⇄ ")}`;
    case "delay":
      return `${fault.ms} ms delay ${fault.between.join(" ⇄ ")}`;
  }
}
