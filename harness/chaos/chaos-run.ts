import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Clock } from "../clock.js";
import { formatDuration } from "../duration.js";
import type { Progress } from "../progress.js";
import type { RunDocument } from "../report/run-document.js";
import type { ScenarioRun } from "../scenario/run-result.js";
import type { Topology } from "../topology/model.js";
import { chaosHtml } from "./chaos-html.js";
import { chaosSteps, scenarioYaml, type ChaosCheck } from "./chaos-document.js";
import { errorKindsOf, judgeChaosRun, primaryFinding, sameFinding, type ChaosFinding, type ChaosJudgement } from "./chaos-invariants.js";
import { chaosSchedule, describeFault, type ChaosFaultKind, type ChaosSchedule } from "./fault-schedule.js";
import type { KnownBug } from "./known-bugs.js";
import { reproducerYaml } from "./reproducer.js";
import { shrinkSchedule, type ShrinkAttempt } from "./shrink.js";

export interface ChaosOptions {
  seed: number;
  rounds?: number;
  durationMs?: number;
  faults: readonly ChaosFaultKind[];
  jobsPerPair: number;
  /** Shrink a finding to the smallest schedule that still shows it, within `shrinkBudgetMs`. */
  shrink: boolean;
  shrinkBudgetMs: number;
  failOnKnown: boolean;
  /** Run the workload once without faults first, for the ERROR kinds a fault-free run logs. */
  baseline: boolean;
  /** The command line, recorded in the scenario and the report. */
  command: string;
}

export interface ChaosRunOutcome {
  run: ScenarioRun;
  document: RunDocument;
  reportDir?: string;
}

/** Runs one generated scenario file on a fresh lab; `role` says which run of the chaos session it is. */
export type ChaosRunner = (scenarioFile: string, role: "baseline" | "chaos" | "candidate", label: string) => Promise<ChaosRunOutcome>;

export interface ChaosDeps {
  topology: Topology;
  /** How the generated scenarios name the topology: a built-in name or an absolute path. */
  topologyRef: string;
  known: readonly KnownBug[];
  /** ERROR kinds a fault causes by design (kind → why). */
  faultErrorKinds?: ReadonlyMap<string, string>;
  /** Where the scenarios, the reproducer and chaos.json go. */
  outDir: string;
  runScenarioFile: ChaosRunner;
  clock: Clock;
  progress: Progress;
}

/** A candidate schedule shrinking tried, and the run that tried it. */
export interface ShrinkCandidate extends ShrinkAttempt {
  runId: string;
  /** Its run report's folder. */
  reportDir?: string;
  verdict: ChaosJudgement["verdict"];
}

export interface ChaosReport {
  seed: number;
  command: string;
  topology: string;
  schedule: ChaosSchedule;
  scenarioFile: string;
  runId: string;
  runReportDir?: string;
  durationMs: number;
  judgement: ChaosJudgement;
  baseline?: { runId: string; verdict: string; errorKinds: string[] };
  /** The finding shrinking went after. */
  finding?: ChaosFinding;
  shrink?: { candidates: ShrinkCandidate[]; exhausted: boolean; rounds: number[]; budgetMs: number; durationMs: number };
  /** The reproducer scenario, and the finding as the shrunk schedule showed it. */
  reproducer?: { file: string; finding: ChaosFinding; rounds: number };
}

const baselineRounds = 3;

/** A chaos session: the seeded schedule run with its workload, judged, and a finding shrunk and written as a scenario. */
export async function runChaos(options: ChaosOptions, deps: ChaosDeps): Promise<ChaosReport> {
  const started = deps.clock.now();
  const { progress } = deps;
  await mkdir(deps.outDir, { recursive: true });
  const schedule = chaosSchedule(deps.topology, { seed: options.seed, faults: options.faults, jobsPerPair: options.jobsPerPair, ...(options.rounds !== undefined ? { rounds: options.rounds } : {}), ...(options.durationMs !== undefined ? { durationMs: options.durationMs } : {}) });
  progress.step(`Schedule for seed ${options.seed}: ${schedule.rounds.length} rounds, ${schedule.rounds.reduce((sum, round) => sum + round.jobs.length, 0)} work units`);
  for (const round of schedule.rounds) progress.detail(`round ${round.index}: ${describeFault(round.fault)} for ${formatDuration(round.holdMs)}, ${round.jobs.length} units`);

  const write = async (name: string, candidate: ChaosSchedule, faults = true): ReturnType<ScenarioWriter> => {
    const { steps, checks } = chaosSteps(candidate, deps.known, { faults });
    const file = join(deps.outDir, `${name}.yaml`);
    await writeFile(file, scenarioYaml(headerOf(name, options, deps.topologyRef, candidate, faults), steps));
    return { file, checks };
  };

  let baselineKinds: Set<string> | undefined;
  let baseline: ChaosReport["baseline"];
  if (options.baseline) {
    // every round's workload is alike: a few rounds show the ERROR kinds a fault-free run logs
    const { file } = await write("baseline", { ...schedule, rounds: schedule.rounds.slice(0, baselineRounds) }, false);
    progress.step(`Fault-free baseline: the workload of ${Math.min(baselineRounds, schedule.rounds.length)} rounds, no faults (for the ERROR kinds Receptor logs anyway)`);
    const outcome = await deps.runScenarioFile(file, "baseline", "fault-free baseline");
    baselineKinds = new Set(errorKindsOf(outcome.document).keys());
    baseline = { runId: outcome.run.runId, verdict: outcome.run.verdict, errorKinds: [...baselineKinds] };
  }
  const judge: RunJudge = (outcome, checks) =>
    judgeChaosRun(outcome.run, outcome.document, checks, {
      failOnKnown: options.failOnKnown,
      ...(baselineKinds ? { baselineErrorKinds: baselineKinds } : {}),
      ...(deps.faultErrorKinds ? { faultErrorKinds: deps.faultErrorKinds } : {}),
    });

  const main = await write(`chaos-${options.seed}`, schedule);
  progress.step(`Chaos run: ${schedule.rounds.length} fault rounds with the workload running`);
  const outcome = await deps.runScenarioFile(main.file, "chaos", `seed ${options.seed}`);
  const judgement = judge(outcome, main.checks);
  const report: ChaosReport = {
    seed: options.seed,
    command: options.command,
    topology: deps.topologyRef,
    schedule,
    scenarioFile: main.file,
    runId: outcome.run.runId,
    ...(outcome.reportDir ? { runReportDir: outcome.reportDir } : {}),
    durationMs: 0,
    judgement,
    ...(baseline ? { baseline } : {}),
  };
  const finding = primaryFinding(judgement);
  if (finding) report.finding = finding;
  if (finding) {
    let shown = { schedule, finding };
    if (options.shrink) {
      const shrunk = await shrinkFinding(schedule, finding, judgement, options, deps, write, judge);
      report.shrink = shrunk.report;
      shown = shrunk.shown;
    }
    const file = join(deps.outDir, "reproducer.yaml");
    await writeFile(file, reproducerYaml(shown.schedule, shown.finding, deps.known, { name: `chaos-${options.seed}-reproducer`, seed: options.seed, command: options.command, topology: deps.topologyRef }));
    report.reproducer = { file, finding: shown.finding, rounds: shown.schedule.rounds.length };
  }
  report.durationMs = deps.clock.now() - started;
  await writeFile(join(deps.outDir, "chaos.json"), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(deps.outDir, "chaos.html"), chaosHtml(report, deps.outDir, report.reproducer ? await readFile(report.reproducer.file, "utf8") : undefined));
  return report;
}

type ScenarioWriter = (name: string, candidate: ChaosSchedule) => Promise<{ file: string; checks: ChaosCheck[] }>;
type RunJudge = (outcome: ChaosRunOutcome, checks: ChaosCheck[]) => ChaosJudgement;

/** Shrinks the schedule to the smallest that still shows `finding`; the finding as that schedule showed it. */
async function shrinkFinding(schedule: ChaosSchedule, finding: ChaosFinding, judgement: ChaosJudgement, options: ChaosOptions, deps: ChaosDeps, write: ScenarioWriter, judge: RunJudge) {
  const judged = new Map<string, ChaosJudgement>([[JSON.stringify(schedule.rounds), judgement]]);
  const runs: Array<{ runId: string; reportDir?: string; verdict: ChaosJudgement["verdict"] }> = [];
  const started = deps.clock.now();
  deps.progress.step(`Shrinking: ${finding.kind === "known" ? `known bug #${finding.issue}` : finding.invariant} (budget ${formatDuration(options.shrinkBudgetMs)})`);
  const shrunk = await shrinkSchedule(
    schedule,
    async (candidate, description) => {
      const { file, checks } = await write(`candidate-${runs.length + 1}`, candidate);
      const ran = await deps.runScenarioFile(file, "candidate", description);
      const result = judge(ran, checks);
      runs.push({ runId: ran.run.runId, ...(ran.reportDir ? { reportDir: ran.reportDir } : {}), verdict: result.verdict });
      judged.set(JSON.stringify(candidate.rounds), result);
      const still = sameFinding(finding, result);
      deps.progress.detail(`candidate ${runs.length}, ${description}: ${still ? "still fails the same way" : result.verdict === "inconclusive" ? `inconclusive (${result.inconclusive})` : "does not"}`);
      return still;
    },
    { budgetMs: options.shrinkBudgetMs, clock: deps.clock, ...(finding.round !== undefined ? { round: finding.round } : {}), ...(finding.unit ? { unit: finding.unit } : {}) },
  );
  const last = judged.get(JSON.stringify(shrunk.schedule.rounds))!;
  const shown = last.findings.find((candidate) => candidate.invariant === finding.invariant && candidate.kind === finding.kind && candidate.issue === finding.issue) ?? finding;
  const report = { candidates: shrunk.attempts.map((attempt, index) => ({ ...attempt, ...runs[index]! })), exhausted: shrunk.exhausted, rounds: shrunk.schedule.rounds.map((round) => round.index), budgetMs: options.shrinkBudgetMs, durationMs: deps.clock.now() - started };
  return { report, shown: { schedule: shrunk.schedule, finding: shown } };
}

function headerOf(name: string, options: ChaosOptions, topology: string, schedule: ChaosSchedule, faults: boolean) {
  return {
    name,
    title: faults ? `chaos, seed ${options.seed}: ${schedule.rounds.length} fault rounds` : `chaos baseline, seed ${options.seed}: the workload without faults`,
    description: faults
      ? `Generated by '${options.command}'. Each round submits work, applies one fault, holds it, heals it and checks the routes; every unit is checked at the end.`
      : `The fault-free baseline of '${options.command}': the same rounds' work with no fault, for the ERROR kinds Receptor logs anyway.`,
    reproduces: `receptor-lab chaos seed ${options.seed}`,
    chaos: { seed: options.seed, command: options.command },
    topology,
  };
}
