import chalk from "chalk";
import { join, relative, resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { ConsoleReporter } from "../../report/console-reporter.js";
import { saveNodeLogs } from "../../runtime/node-logs.js";
import { versionsFor } from "../../runtime/node-versions.js";
import type { NodeImage } from "../../runtime/lab-runtime.js";
import { newRunId } from "../../runtime/run-id.js";
import { formatDuration } from "../../duration.js";
import { withoutHarnessChatter } from "../../report/log-noise.js";
import { runDocument, type RunDocument } from "../../report/run-document.js";
import { writeRunReport, writeSuiteReport } from "../../report/report-writer.js";
import { summarizeSuite, type SuiteSummary } from "../../report/suite-summary.js";
import type { LabSession } from "../../scenario/lab-session.js";
import type { ScenarioRun } from "../../scenario/run-result.js";
import { runScenario } from "../../api/run-scenario.js";
import { interruptedRun } from "../../scenario/interrupted-run.js";
import type { Scenario, Step } from "../../scenario/scenario-model.js";
import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";
import { checkBaseline, compareWithBaseline } from "../baseline.js";
import { receptorChoices } from "../receptor-flags.js";
import { keyAnswers, stepMode } from "../step-mode.js";

export const usage =
  "receptor-lab scenario <name|file>... [--all] [--quick] [--repeat N] [--keep] [--step] [--receptor <version|commit|path>[,…]]... [--image <ref>]... [--receptorctl <version>] [--baseline DIR] [--report-dir DIR]";

export const scenarioCommand: Command = async (args, context) => {
  const { values, positionals } = parseOptions(
    args,
    {
      all: { type: "boolean" },
      quick: { type: "boolean" },
      keep: { type: "boolean" },
      step: { type: "boolean" },
      repeat: { type: "string", default: "1" },
      receptor: { type: "string", multiple: true },
      image: { type: "string", multiple: true },
      receptorctl: { type: "string" },
      baseline: { type: "string" },
      "report-dir": { type: "string" },
    },
    usage,
  );
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) throw new UsageError(`--repeat must be a whole number ≥ 1, got '${values.repeat}'`, `Usage: ${usage}`);
  const names = values.all ? await context.scenarios.names() : positionals;
  if (names.length === 0) throw new UsageError("say which scenario to run (or --all)", `Usage: ${usage}\nBuilt-in: ${(await context.scenarios.names()).join(", ")}`);

  // Every file, every build and the baseline are checked before anything starts.
  const scenarios: Scenario[] = [];
  for (const name of names) scenarios.push(await context.scenarios.load(name));
  const choices = receptorChoices(values);
  if (values.keep && choices.length > 1) throw new UsageError("--keep leaves one lab up: run one Receptor build with it", `Usage: ${usage}`);
  const answers = values.step ? keyAnswers(process.stdin) : undefined;
  const builds = [];
  for (const choice of choices) builds.push(await versionsFor({ ...choice, cacheDir: context.cacheDir }));
  const baseline = values.baseline ? await checkBaseline(values.baseline, scenarios.map((scenario) => scenario.name)) : undefined;

  const reportRoot = resolve(values["report-dir"] ?? context.reportDir);
  const runtime = await context.runtime();
  // built (or found) up front, so their progress shows before the first scenario
  const images: NodeImage[] = [];
  for (const versions of builds) images.push(await runtime.nodeImage(versions, context.progress));
  const runs: ScenarioRun[] = [];
  const documents: RunDocument[] = [];
  const suiteStarted = new Date();
  const reporter = new ConsoleReporter((line) => context.print(line));
  const writeSuite = async (): Promise<string | undefined> => {
    if (documents.length === 0 || scenarios.length * repeat * images.length < 2) return undefined;
    const suiteId = `${newRunId(suiteStarted)}-suite`;
    const summary = summarizeSuite(suiteId, documents, suiteStarted, Date.now() - suiteStarted.getTime(), reportRoot);
    printSummary(summary, (line) => context.print(line));
    const dir = await writeSuiteReport(reportRoot, summary, documents);
    context.print(`Suite report: ${relative(process.cwd(), join(dir, "index.html"))} (summary.json, junit.xml)`);
    return dir;
  };
  // A cancelled CI job (SIGTERM) or Ctrl-C still leaves report.json and junit.xml for what ran.
  let current: ScenarioRun | undefined;
  const stopWritingOnSignal = context.interrupts.register(async (signal) => {
    if (current) {
      const document = runDocument(interruptedRun(current, signal, Date.now() - current.startedAt.getTime()), {});
      documents.push(document);
      context.print(`  report: ${relative(process.cwd(), join(await writeRunReport(reportRoot, document), "report.html"))} (interrupted)`);
    }
    await writeSuite();
  });
  let lastRunDir = reportRoot;
  // q in step mode ends this run and every one after it
  let quit = false;
  const quitting = (ask: (step: Step) => Promise<"run" | "stop">) => async (step: Step) => {
    const answer = await ask(step);
    quit ||= answer === "stop";
    return answer;
  };
  builds: for (const image of images) {
    if (images.length > 1) context.print(chalk.bold(`\n═══ Receptor ${image.receptorVersion} ═══`));
    for (let round = 1; round <= repeat; round++) {
      for (const scenario of scenarios) {
        if (repeat > 1) context.print(chalk.gray(`\n— round ${round} of ${repeat} —`));
        const { run, document, reportDir: dir = reportRoot } = await runScenario(scenario, {
          runtime,
          nodeImage: image,
          quick: values.quick ?? false,
          reporters: [reporter],
          progress: context.progress,
          reportDir: reportRoot,
          keep: values.keep ?? false,
          onRun: (started) => (current = started),
          onLab: (lab) => {
            const removeLab = context.interrupts.register(() => lab.destroy());
            // registered after the removal, so it runs before it
            const saveLogs = context.interrupts.register(() => saveNodeLogs(lab, join(reportRoot, lab.spec.runId)));
            return () => {
              saveLogs();
              removeLab();
            };
          },
          onFailure: (session, finished) => printInvolvedLogs(session, finished, (line) => context.print(line)),
          ...(answers ? { beforeStep: quitting(stepMode(scenario, answers, (line) => context.print(line))) } : {}),
        });
        current = undefined;
        runs.push(run);
        documents.push(document);
        lastRunDir = dir;
        context.print(`  report: ${relative(process.cwd(), join(dir, "report.html")) || dir}`);
        if (values.keep) context.print(chalk.yellow(`  lab ${run.runId} kept up: 'receptor-lab status --lab ${run.runId}', then 'receptor-lab down --lab ${run.runId}'`));
        if (quit) break builds;
      }
    }
  }
  stopWritingOnSignal();
  const suiteDir = await writeSuite();
  const regressed = baseline ? await compareWithBaseline(baseline, suiteDir ?? lastRunDir, images.map((image) => image.receptorVersion), (line: string) => context.print(line)) : false;
  if (runs.some((run) => run.verdict === "failed") || regressed) return 1;
  if (quit) return 130;
  if (runs.some((run) => run.verdict === "inconclusive")) return 4;
  return 0;
};

function printSummary(summary: SuiteSummary, print: (line: string) => void): void {
  print(chalk.bold("\nSummary"));
  const matrix = summary.builds.length > 1;
  for (const cell of summary.cells) {
    const colour = cell.passed === cell.runs ? chalk.green : chalk.red;
    const flake = cell.runs > 1 ? `, flake rate ${(cell.flakeRate * 100).toFixed(1)}%` : "";
    const build = matrix ? ` ${chalk.gray(`@ ${cell.build}`)}` : "";
    print(`  ${colour(`${cell.passed}/${cell.runs} passed`)} ${cell.scenario.padEnd(18)}${build} ${formatDuration(cell.durationMs)} per run${flake}`);
  }
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
