import chalk from "chalk";
import { join, relative } from "node:path";
import { runScenario } from "../api/run-scenario.js";
import { eachLimited } from "../concurrency.js";
import { formatDuration } from "../duration.js";
import type { Progress } from "../progress.js";
import { ConsoleReporter } from "../report/console-reporter.js";
import { withoutHarnessChatter } from "../report/log-noise.js";
import { runDocument, type RunDocument } from "../report/run-document.js";
import { writeRunReport } from "../report/report-writer.js";
import type { HostCpu } from "../runtime/host-cpu.js";
import type { Lab, LabRuntime, NodeImage } from "../runtime/lab-runtime.js";
import { saveNodeLogs } from "../runtime/node-logs.js";
import { interruptedRun } from "../scenario/interrupted-run.js";
import type { LabSession, MeshClientFactory } from "../scenario/lab-session.js";
import type { ScenarioRun } from "../scenario/run-result.js";
import type { Scenario, Step } from "../scenario/scenario-model.js";
import type { CliContext } from "./cli-context.js";

/** One scenario run of a suite: which scenario, on which build, in which round. */
export interface SuiteJob {
  scenario: Scenario;
  image: NodeImage;
  round: number;
}

export interface SuiteRunnerOptions {
  runtime: LabRuntime;
  reportRoot: string;
  quick: boolean;
  keep: boolean;
  /** Labs at once; 1 prints every run live, more print a line per run and a failing run in full. */
  parallel: number;
  /** How to talk to each node (tests on a fake runtime). */
  meshClients?: MeshClientFactory;
  /** The host CPU the runs' timing guard reads (default: /proc/stat). */
  hostCpu?: HostCpu;
  /** Step mode: asked before each step of `scenario` ("stop" ends the suite). */
  beforeStep?: (scenario: Scenario) => (step: Step) => Promise<"run" | "stop">;
}

/** Runs a suite's jobs, writing each run's report; knows what is running when a signal comes. */
export class SuiteRunner {
  readonly runs: ScenarioRun[] = [];
  readonly documents: RunDocument[] = [];
  lastRunDir: string;
  /** q in step mode ended the suite. */
  quit = false;
  private readonly running = new Set<ScenarioRun>();

  constructor(
    private readonly context: CliContext,
    private readonly options: SuiteRunnerOptions,
  ) {
    this.lastRunDir = options.reportRoot;
  }

  async run(jobs: SuiteJob[]): Promise<void> {
    if (this.options.parallel <= 1) {
      for (const [index, job] of jobs.entries()) {
        this.printHeaders(job, jobs[index - 1], jobs);
        await this.runOne(job, (line) => this.context.print(line));
        if (this.quit) return;
      }
      return;
    }
    this.context.print(chalk.gray(`${jobs.length} runs, ${this.options.parallel} labs at once: a line as each ends, a failing run in full.`));
    await eachLimited(jobs, this.options.parallel, async (job) => {
      const lines: string[] = [];
      const run = await this.runOne(job, (line) => lines.push(line));
      const build = jobs.some((other) => other.image !== job.image) ? chalk.gray(` @ ${job.image.receptorVersion}`) : "";
      const colour = run.verdict === "passed" ? chalk.green : run.verdict === "failed" ? chalk.red : chalk.yellow;
      if (run.verdict !== "passed") for (const line of lines) this.context.print(line);
      this.context.print(`${colour(`■ ${run.verdict.toUpperCase()}`)} ${run.scenario.name}${build} in ${formatDuration(run.durationMs)} — ${relative(process.cwd(), join(this.options.reportRoot, run.runId, "report.html"))}`);
    });
  }

  /** report.json and junit.xml for every run a signal cut short. */
  async interrupted(signal: string): Promise<void> {
    for (const run of this.running) {
      const document = runDocument(interruptedRun(run, signal, Date.now() - run.startedAt.getTime()), {});
      this.documents.push(document);
      this.context.print(`  report: ${relative(process.cwd(), join(await writeRunReport(this.options.reportRoot, document), "report.html"))} (interrupted)`);
    }
  }

  private async runOne(job: SuiteJob, print: (line: string) => void): Promise<ScenarioRun> {
    const { context, options } = this;
    let current: ScenarioRun | undefined;
    const ask = options.beforeStep?.(job.scenario);
    const { run, document, reportDir: dir = options.reportRoot } = await runScenario(job.scenario, {
      runtime: options.runtime,
      nodeImage: job.image,
      ...(options.meshClients ? { meshClients: options.meshClients } : {}),
      ...(options.hostCpu ? { hostCpu: options.hostCpu } : {}),
      quick: options.quick,
      reporters: [new ConsoleReporter(print)],
      progress: options.parallel > 1 ? stepsOnly(context.progress) : context.progress,
      reportDir: options.reportRoot,
      keep: options.keep,
      onRun: (started) => {
        current = started;
        this.running.add(started);
      },
      onLab: removedOnInterrupt(context, options.reportRoot),
      onFailure: (session, finished) => printInvolvedLogs(session, finished, print),
      ...(ask
        ? {
            beforeStep: async (step: Step) => {
              const answer = await ask(step);
              this.quit ||= answer === "stop";
              return answer;
            },
          }
        : {}),
    });
    if (current) this.running.delete(current);
    this.runs.push(run);
    this.documents.push(document);
    this.lastRunDir = dir;
    print(`  report: ${relative(process.cwd(), join(dir, "report.html")) || dir}`);
    if (options.keep) print(chalk.yellow(`  lab ${run.runId} kept up: 'receptor-lab status --lab ${run.runId}', then 'receptor-lab down --lab ${run.runId}'`));
    return run;
  }

  private printHeaders(job: SuiteJob, previous: SuiteJob | undefined, jobs: SuiteJob[]): void {
    const matrix = jobs.some((other) => other.image !== job.image);
    if (matrix && previous?.image !== job.image) this.context.print(chalk.bold(`\n═══ Receptor ${job.image.receptorVersion} ═══`));
    if (jobs.some((other) => other.round > 1)) this.context.print(chalk.gray(`\n— round ${job.round} of ${Math.max(...jobs.map((other) => other.round))} —`));
  }
}

/** A lab a signal removes (its logs saved under reportRoot first); returns what hands that back. */
export function removedOnInterrupt(context: CliContext, reportRoot: string): (lab: Lab) => () => void {
  return (lab) => {
    const removeLab = context.interrupts.register(() => lab.destroy());
    // registered after the removal, so it runs before it
    const saveLogs = context.interrupts.register(() => saveNodeLogs(lab, join(reportRoot, lab.spec.runId)));
    return () => {
      saveLogs();
      removeLab();
    };
  };
}

/** Several labs at once: their steps and warnings, not every line of detail interleaved. */
function stepsOnly(progress: Progress): Progress {
  return { step: (message) => progress.step(message), detail: () => {}, warn: (message) => progress.warn(message) };
}

/** On failure: the last log lines of the nodes the failing step talks about. */
async function printInvolvedLogs(session: LabSession, run: ScenarioRun, print: (line: string) => void): Promise<void> {
  const failed = run.steps.find((step) => step.verdict === "failed" || step.verdict === "inconclusive");
  const text = failed ? [failed.target, failed.detail.message, failed.detail.expected, failed.detail.observed].join(" ") : (run.error ?? "");
  const involved = session.lab.nodeIds().filter((id) => new RegExp(`\\b${id}\\b`).test(text));
  for (const id of involved.slice(0, 4)) {
    const lines = withoutHarnessChatter((await session.lab.logs(id, 400).catch(() => "")).trimEnd().split("\n")).slice(-8);
    print(chalk.gray(`  last log lines of ${id} (${session.lab.containerOf(id)}):`));
    for (const line of lines) print(chalk.gray(`    ${line}`));
  }
}
