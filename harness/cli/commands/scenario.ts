import chalk from "chalk";
import { join, relative, resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { ConsoleReporter } from "../../report/console-reporter.js";
import { saveNodeLogs } from "../../runtime/node-logs.js";
import { versionsFor } from "../../runtime/node-versions.js";
import { newRunId } from "../../runtime/run-id.js";
import { formatDuration } from "../../duration.js";
import { withoutHarnessChatter } from "../../report/log-noise.js";
import { runDocument, type RunDocument } from "../../report/run-document.js";
import { summarizeSuite, writeRunReport, writeSuiteReport, type SuiteSummary } from "../../report/report-writer.js";
import type { LabSession } from "../../scenario/lab-session.js";
import type { ScenarioRun } from "../../scenario/run-result.js";
import { runScenario } from "../../api/run-scenario.js";
import { interruptedRun } from "../../scenario/interrupted-run.js";
import type { Scenario } from "../../scenario/scenario-model.js";
import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";

export const usage = "receptor-lab scenario <name|file>... [--all] [--quick] [--repeat N] [--keep] [--receptor <version|path>] [--receptorctl <version>] [--report-dir DIR]";

export const scenarioCommand: Command = async (args, context) => {
  const { values, positionals } = parseOptions(
    args,
    {
      all: { type: "boolean" },
      quick: { type: "boolean" },
      keep: { type: "boolean" },
      repeat: { type: "string", default: "1" },
      receptor: { type: "string" },
      receptorctl: { type: "string" },
      "report-dir": { type: "string" },
    },
    usage,
  );
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) throw new UsageError(`--repeat must be a whole number ≥ 1, got '${values.repeat}'`, `Usage: ${usage}`);
  const names = values.all ? await context.scenarios.names() : positionals;
  if (names.length === 0) throw new UsageError("say which scenario to run (or --all)", `Usage: ${usage}\nBuilt-in: ${(await context.scenarios.names()).join(", ")}`);

  // Every file is validated before anything starts.
  const scenarios: Scenario[] = [];
  for (const name of names) scenarios.push(await context.scenarios.load(name));

  const reportRoot = resolve(values["report-dir"] ?? context.reportDir);
  // a bad --receptor (not a version, not a Receptor tree) stops here, before any engine starts
  const versions = await versionsFor(values.receptor, values.receptorctl);
  const runtime = await context.runtime();
  // built (or found) up front, so its progress shows before the first scenario
  await runtime.nodeImage(versions, context.progress);
  const runs: ScenarioRun[] = [];
  const documents: RunDocument[] = [];
  const suiteStarted = new Date();
  const reporter = new ConsoleReporter((line) => context.print(line));
  const writeSuite = async () => {
    if (documents.length === 0 || scenarios.length * repeat < 2) return;
    const suiteId = `${newRunId(suiteStarted)}-suite`;
    const summary = summarizeSuite(suiteId, documents, suiteStarted, Date.now() - suiteStarted.getTime(), reportRoot);
    printSummary(summary, (line) => context.print(line));
    const dir = await writeSuiteReport(reportRoot, summary, documents);
    context.print(`Suite report: ${relative(process.cwd(), join(dir, "summary.json"))} and junit.xml`);
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
  for (let round = 1; round <= repeat; round++) {
    for (const scenario of scenarios) {
      if (repeat > 1) context.print(chalk.gray(`\n— round ${round} of ${repeat} —`));
      const { run, document, reportDir: dir = reportRoot } = await runScenario(scenario, {
        runtime,
        ...(values.receptor ? { receptor: values.receptor } : {}),
        ...(values.receptorctl ? { receptorctl: values.receptorctl } : {}),
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
      });
      current = undefined;
      runs.push(run);
      documents.push(document);
      context.print(`  report: ${relative(process.cwd(), join(dir, "report.html")) || dir}`);
      if (values.keep) context.print(chalk.yellow(`  lab ${run.runId} kept up: 'receptor-lab status --lab ${run.runId}', then 'receptor-lab down --lab ${run.runId}'`));
    }
  }
  stopWritingOnSignal();
  await writeSuite();
  if (runs.some((run) => run.verdict === "failed")) return 1;
  if (runs.some((run) => run.verdict === "inconclusive")) return 4;
  return 0;
};

function printSummary(summary: SuiteSummary, print: (line: string) => void): void {
  print(chalk.bold("\nSummary"));
  for (const [name, counts] of Object.entries(summary.scenarios)) {
    const runs = summary.runs.filter((run) => run.scenario === name);
    const average = runs.reduce((sum, run) => sum + run.durationMs, 0) / runs.length;
    const colour = counts.passed === counts.runs ? chalk.green : chalk.red;
    const flake = counts.runs > 1 ? `, flake rate ${(counts.flakeRate * 100).toFixed(1)}%` : "";
    print(`  ${colour(`${counts.passed}/${counts.runs} passed`)} ${name.padEnd(18)} ${formatDuration(average)} per run${flake}`);
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
