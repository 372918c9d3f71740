import type { Clock } from "../clock.js";
import { describeFault, type ChaosRound, type ChaosSchedule } from "./fault-schedule.js";

/** One candidate schedule tried on a fresh lab, and whether it still failed the same way. */
export interface ShrinkAttempt {
  description: string;
  /** The rounds it kept, by their original index. */
  rounds: number[];
  stillFails: boolean;
  durationMs: number;
}

export interface ShrinkResult {
  schedule: ChaosSchedule;
  attempts: ShrinkAttempt[];
  /** The budget ran out before shrinking was done: `schedule` is the smallest found so far. */
  exhausted: boolean;
}

export interface ShrinkOptions {
  budgetMs: number;
  clock: Clock;
  /** The round the finding showed in, and its unit, tried first on their own. */
  round?: number;
  unit?: string;
}

/** Runs a candidate on a fresh lab: true when it fails the same way as the original. */
export type CandidateTest = (candidate: ChaosSchedule, description: string) => Promise<boolean>;

/**
 * Delta debugging (ddmin) over the fault rounds, then over each kept round's work and timing:
 * the smallest schedule that still fails the same way, within a time budget.
 */
export async function shrinkSchedule(schedule: ChaosSchedule, test: CandidateTest, options: ShrinkOptions): Promise<ShrinkResult> {
  const started = options.clock.now();
  const attempts: ShrinkAttempt[] = [];
  const tried = new Map<string, boolean>();
  let exhausted = false;
  const attempt = async (rounds: ChaosRound[], description: string): Promise<boolean> => {
    const key = JSON.stringify(rounds);
    const known = tried.get(key);
    if (known !== undefined) return known;
    if (options.clock.now() - started >= options.budgetMs) {
      exhausted = true;
      return false;
    }
    const before = options.clock.now();
    const stillFails = await test({ seed: schedule.seed, rounds }, description);
    tried.set(key, stillFails);
    attempts.push({ description, rounds: rounds.map((round) => round.index), stillFails, durationMs: options.clock.now() - before });
    return stillFails;
  };

  let rounds = await firstGuess(schedule.rounds, options, attempt);
  rounds = await ddmin(rounds, attempt);
  rounds = await fewerJobs(rounds, options.unit, attempt);
  rounds = await fewerTargets(rounds, attempt);
  rounds = await shorterTimes(rounds, attempt);
  return { schedule: { seed: schedule.seed, rounds }, attempts, exhausted };
}

type Attempt = (rounds: ChaosRound[], description: string) => Promise<boolean>;

/** The finding's own round alone, then with the next one: most findings need no more. */
async function firstGuess(rounds: ChaosRound[], options: ShrinkOptions, attempt: Attempt): Promise<ChaosRound[]> {
  if (options.round === undefined || rounds.length <= 1) return rounds;
  const at = rounds.findIndex((round) => round.index === options.round);
  if (at < 0) return rounds;
  for (const guess of [rounds.slice(at, at + 1), rounds.slice(at, at + 2)]) {
    if (guess.length < rounds.length && (await attempt(guess, `only ${roundsText(guess)}`))) return guess;
  }
  return rounds;
}

async function ddmin(rounds: ChaosRound[], attempt: Attempt): Promise<ChaosRound[]> {
  let current = rounds;
  let granularity = 2;
  while (current.length >= 2) {
    const chunks = split(current, granularity);
    let reduced = false;
    for (const chunk of chunks) {
      if (await attempt(chunk, `only ${roundsText(chunk)}`)) {
        current = chunk;
        granularity = 2;
        reduced = true;
        break;
      }
    }
    if (!reduced && granularity > 2) {
      for (const chunk of chunks) {
        const complement = current.filter((round) => !chunk.includes(round));
        if (await attempt(complement, `without ${roundsText(chunk)}`)) {
          current = complement;
          granularity = Math.max(granularity - 1, 2);
          reduced = true;
          break;
        }
      }
    }
    if (!reduced) {
      if (granularity >= current.length) break;
      granularity = Math.min(current.length, granularity * 2);
    }
  }
  return current;
}

/** Every unit but the finding's gone at once (or, with no unit named, each round's work). */
async function fewerJobs(rounds: ChaosRound[], unit: string | undefined, attempt: Attempt): Promise<ChaosRound[]> {
  const total = rounds.reduce((sum, round) => sum + round.jobs.length, 0);
  if (total === 0) return rounds;
  const keep = unit ? rounds.map((round) => ({ ...round, jobs: round.jobs.filter((job) => job.alias === unit) })) : rounds.map((round) => ({ ...round, jobs: [] }));
  const kept = keep.reduce((sum, round) => sum + round.jobs.length, 0);
  if (kept === total) return rounds;
  return (await attempt(keep, unit ? `only the work unit ${unit}` : "no work units")) ? keep : rounds;
}

/** A fault on several nodes tried on one fewer at a time, while it still fails. */
async function fewerTargets(rounds: ChaosRound[], attempt: Attempt): Promise<ChaosRound[]> {
  let current = rounds;
  for (let at = 0; at < current.length; at++) {
    let fault = current[at]!.fault;
    while ("nodes" in fault && fault.nodes.length > 1) {
      const nodes = fault.nodes;
      let reduced = false;
      for (const node of nodes) {
        const candidate = replace(current, at, { ...current[at]!, fault: { ...fault, nodes: nodes.filter((other) => other !== node) } });
        if (await attempt(candidate, `round ${current[at]!.index} without ${node}: ${describeFault(candidate[at]!.fault)}`)) {
          current = candidate;
          fault = candidate[at]!.fault;
          reduced = true;
          break;
        }
      }
      if (!reduced) break;
    }
  }
  return current;
}

/** Each round's hold halved while it still fails (down to 2 s), its lead and quiet time cut. */
async function shorterTimes(rounds: ChaosRound[], attempt: Attempt): Promise<ChaosRound[]> {
  let current = rounds;
  for (let at = 0; at < current.length; at++) {
    const quicker = { ...current[at]!, quietMs: 0, leadMs: Math.min(current[at]!.leadMs, 2_000) };
    if ((quicker.quietMs !== current[at]!.quietMs || quicker.leadMs !== current[at]!.leadMs) && (await attempt(replace(current, at, quicker), `round ${quicker.index} with a 2 s lead and no quiet time`))) current = replace(current, at, quicker);
    while (current[at]!.holdMs > 4_000) {
      const halved = { ...current[at]!, holdMs: Math.round(current[at]!.holdMs / 2_000) * 1_000 };
      if (!(await attempt(replace(current, at, halved), `round ${halved.index} held ${halved.holdMs / 1_000} s`))) break;
      current = replace(current, at, halved);
    }
  }
  return current;
}

function replace(rounds: ChaosRound[], at: number, round: ChaosRound): ChaosRound[] {
  return rounds.map((existing, index) => (index === at ? round : existing));
}

function split<T>(items: T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

export function roundsText(rounds: ChaosRound[]): string {
  return rounds.length === 1 ? `round ${rounds[0]!.index} (${describeFault(rounds[0]!.fault)})` : `rounds ${rounds.map((round) => round.index).join(", ")}`;
}
