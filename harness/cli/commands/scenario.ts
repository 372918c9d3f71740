import chalk from "chalk";
import { cpus } from "node:os";
import { join, relative, resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { versionsFor } from "../../runtime/node-versions.js";
import type { NodeImage } from "../../runtime/lab-runtime.js";
import { resolveEngines, spreadOverEngines } from "../../api/spread-over-engines.js";
import { newRunId } from "../../runtime/run-id.js";
import { formatDuration } from "../../duration.js";
import { writeSuiteReport } from "../../report/report-writer.js";
import { summarizeSuite, type SuiteSummary } from "../../report/suite-summary.js";
import type { Scenario } from "../../scenario/scenario-model.js";
import type { CliContext, Command } from "../cli-context.js";
import { atlasMarkdown, bugOutcomeWords, type BugAtlas } from "../../report/bug-atlas.js";
import { checkAtlasTarget, writeAtlasInto } from "../atlas-readme.js";
import { parseOptions } from "../parse-options.js";
import { checkBaseline, compareWithBaseline } from "../baseline.js";
import { receptorChoices } from "../receptor-flags.js";
import { keyAnswers, stepMode } from "../step-mode.js";
import { SuiteRunner } from "../suite-runner.js";

export const usage =
  "receptor-lab scenario <name|file>... [--all | --bugs [issue...] [--readme FILE]] [--quick] [--repeat N] [--keep] [--step] [--parallel N] [--receptor <version|commit|path>[,…]]... [--image <ref>]... [--receptorctl <version>] [--engines <local|NAME=ENDPOINT,…>] [--baseline DIR] [--report-dir DIR]";

export const scenarioCommand: Command = async (args, context) => {
  const { values, positionals } = parseOptions(
    args,
    {
      all: { type: "boolean" },
      bugs: { type: "boolean" },
      readme: { type: "string" },
      quick: { type: "boolean" },
      keep: { type: "boolean" },
      step: { type: "boolean" },
      parallel: { type: "string" },
      repeat: { type: "string", default: "1" },
      receptor: { type: "string", multiple: true },
      image: { type: "string", multiple: true },
      receptorctl: { type: "string" },
      baseline: { type: "string" },
      engines: { type: "string" },
      "report-dir": { type: "string" },
    },
    usage,
  );
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) throw new UsageError(`--repeat must be a whole number ≥ 1, got '${values.repeat}'`, `Usage: ${usage}`);
  if (values.bugs && values.all) throw new UsageError("--all runs the scenarios, --bugs the bug atlas: choose one", `Usage: ${usage}`);
  if (values.readme !== undefined && !values.bugs) throw new UsageError("--readme writes the bug atlas: it goes with --bugs", `Usage: ${usage}`);
  if (values.readme !== undefined) await checkAtlasTarget(values.readme);
  const names = values.bugs ? await bugScenarios(positionals, context) : values.all ? await context.scenarios.names() : positionals;
  if (names.length === 0) throw new UsageError("say which scenario to run (or --all)", `Usage: ${usage}\nBuilt-in: ${(await context.scenarios.names()).join(", ")}`);

  // Every file, every build and the baseline are checked before anything starts.
  const scenarios: Scenario[] = [];
  for (const name of names) scenarios.push(await context.scenarios.load(name));
  const choices = receptorChoices(values);
  if (values.keep && choices.length > 1) throw new UsageError("--keep leaves one lab up: run one Receptor build with it", `Usage: ${usage}`);
  const parallel = values.parallel === undefined ? defaultParallelism(values.step ?? false) : Number(values.parallel);
  if (!Number.isInteger(parallel) || parallel < 1) throw new UsageError(`--parallel must be a whole number ≥ 1, got '${values.parallel}'`, `Usage: ${usage}`);
  if (values.step && parallel > 1) throw new UsageError("--step asks before each step of one run at a time: drop --parallel", `Usage: ${usage}`);
  const answers = values.step ? keyAnswers(process.stdin) : undefined;
  const builds = [];
  for (const choice of choices) builds.push(await versionsFor({ ...choice, cacheDir: context.cacheDir }));
  const baseline = values.baseline ? await checkBaseline(values.baseline, scenarios.map((scenario) => scenario.name)) : undefined;

  const reportRoot = resolve(values["report-dir"] ?? context.reportDir);
  const topologies = scenarios.map((scenario) => scenario.topology);
  const engines = values.engines ? await resolveEngines(values.engines, { cacheDir: context.cacheDir, topologies }) : undefined;
  const runtime = engines ? await spreadOverEngines(await context.runtime(), engines) : await context.runtime();
  // built (or found) up front, so their progress shows before the first scenario
  const images: NodeImage[] = [];
  for (const versions of builds) images.push(await runtime.nodeImage(versions, context.progress));
  const suite = new SuiteRunner(context, {
    runtime,
    reportRoot,
    quick: values.quick ?? false,
    keep: values.keep ?? false,
    parallel,
    ...(answers ? { beforeStep: (scenario: Scenario) => stepMode(scenario, answers, (line) => context.print(line)) } : {}),
  });
  const jobs = images.flatMap((image) => Array.from({ length: repeat }, (_, round) => scenarios.map((scenario) => ({ scenario, image, round: round + 1 }))).flat());
  const suiteStarted = new Date();
  const writeSuite = async (): Promise<string | undefined> => {
    if (suite.documents.length === 0 || (jobs.length < 2 && !values.bugs)) return undefined;
    const suiteId = `${newRunId(suiteStarted)}-suite`;
    const summary = summarizeSuite(suiteId, suite.documents, suiteStarted, Date.now() - suiteStarted.getTime(), reportRoot);
    printSummary(summary, (line) => context.print(line));
    if (summary.atlas) printAtlas(summary.atlas, (line) => context.print(line));
    const dir = await writeSuiteReport(reportRoot, summary, suite.documents);
    if (summary.atlas && values.readme !== undefined) {
      await writeAtlasInto(values.readme, atlasMarkdown(summary.atlas, summary.suiteId));
      context.print(`Bug atlas written into ${values.readme}`);
    }
    context.print(`Suite report: ${relative(process.cwd(), join(dir, "index.html"))} (summary.json, junit.xml)`);
    return dir;
  };
  // A cancelled CI job (SIGTERM) or Ctrl-C still leaves report.json and junit.xml for what ran.
  const stopWritingOnSignal = context.interrupts.register(async (signal) => {
    await suite.interrupted(signal);
    await writeSuite();
  });
  await suite.run(jobs);
  stopWritingOnSignal();
  const suiteDir = await writeSuite();
  const regressed = baseline ? await compareWithBaseline(baseline, suiteDir ?? suite.lastRunDir, images.map((image) => image.receptorVersion), (line: string) => context.print(line)) : false;
  if (suite.runs.some((run) => run.verdict === "failed") || regressed) return 1;
  if (suite.quit) return 130;
  if (suite.runs.some((run) => run.verdict === "inconclusive")) return 4;
  return 0;
};

/** `--bugs` alone: every bug scenario; with issue numbers (711, #711 or bug-711): those. */
async function bugScenarios(selected: string[], context: CliContext): Promise<string[]> {
  const known = await context.scenarios.bugNames();
  if (selected.length === 0) return known;
  return selected.map((entry) => {
    const name = `bug-${entry.replace(/^(bug-|#)/, "")}`;
    if (!known.includes(name)) throw new UsageError(`no bug scenario for '${entry}'`, `Bug scenarios: ${known.join(", ")} (scenarios/bugs/).`);
    return name;
  });
}

function printAtlas(atlas: BugAtlas, print: (line: string) => void): void {
  print(chalk.bold("\nBug atlas"));
  for (const bug of atlas.bugs) {
    const cells = atlas.cells.filter((cell) => cell.issue === bug.issue).map((cell) => `${cell.build}: ${bugOutcomeWords[cell.outcome]}`);
    print(`  #${String(bug.issue).padEnd(5)} ${cells.join(" · ")}  ${chalk.gray(bug.title)}`);
  }
}

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

/**
 * Labs at once unless --parallel says: one per two cores. Receptor's idle labs cost little, but
 * bring-ups and timing-sensitive steps compete; measured on 2 cores, 6 at once ran the quick
 * suite in 2 min 52 s with 3 of 26 timing failures, so a 2-core machine stays serial.
 */
function defaultParallelism(step: boolean): number {
  return step ? 1 : Math.max(1, Math.floor(cpus().length / 2));
}
