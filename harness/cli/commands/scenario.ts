import chalk from "chalk";
import { join } from "node:path";
import { scenarioJudge } from "../../checks/scenario-judge.js";
import { UsageError } from "../../errors.js";
import { paths } from "../../paths.js";
import { ConsoleReporter } from "../../report/console-reporter.js";
import { saveContainerLogs } from "../../runtime/container-logs.js";
import { ensureNodeImage } from "../../runtime/node-image.js";
import { versionsFor } from "../../runtime/node-versions.js";
import { newRunId } from "../../runtime/run-id.js";
import { formatDuration } from "../../scenario/duration.js";
import type { ScenarioRun } from "../../scenario/run-result.js";
import { runScenario } from "../../scenario/scenario-engine.js";
import type { Scenario } from "../../scenario/scenario-model.js";
import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";

export const usage = "receptor-lab scenario <name|file>... [--all] [--quick] [--repeat N] [--keep] [--receptor <version>]";

export const scenarioCommand: Command = async (args, context) => {
  const { values, positionals } = parseOptions(
    args,
    {
      all: { type: "boolean" },
      quick: { type: "boolean" },
      keep: { type: "boolean" },
      repeat: { type: "string", default: "1" },
      receptor: { type: "string" },
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

  const docker = await context.docker();
  const image = await ensureNodeImage(docker, versionsFor(values.receptor), context.progress);
  const runs: ScenarioRun[] = [];
  const reporter = new ConsoleReporter((line) => context.print(line));
  for (let round = 1; round <= repeat; round++) {
    for (const scenario of scenarios) {
      if (repeat > 1) context.print(chalk.gray(`\n— round ${round} of ${repeat} —`));
      const run = await runScenario(scenario, {
        docker,
        image: image.tag,
        receptorVersion: image.receptorVersion,
        runId: newRunId(),
        quick: values.quick ?? false,
        judge: scenarioJudge,
        hooks: reporter,
        progress: context.progress,
        keep: values.keep ?? false,
        onLab: (lab) => context.interrupts.register(() => lab.destroy()),
        beforeTeardown: async (session, finished) => {
          const dir = join(paths.reports, finished.runId);
          await saveContainerLogs(docker, session.lab.spec.nodes.map((node) => ({ short: node.container, containerName: session.lab.containerOf(node.id) })), dir);
          context.print(chalk.gray(`  logs: ${dir}/logs/`));
        },
      });
      runs.push(run);
      if (values.keep) context.print(chalk.yellow(`  lab ${run.runId} kept up: 'receptor-lab status --lab ${run.runId}', then 'receptor-lab down --lab ${run.runId}'`));
    }
  }
  if (runs.length > 1) printSummary(runs, (line) => context.print(line));
  if (runs.some((run) => run.verdict === "failed")) return 1;
  if (runs.some((run) => run.verdict === "inconclusive")) return 4;
  return 0;
};

function printSummary(runs: ScenarioRun[], print: (line: string) => void): void {
  print(chalk.bold("\nSummary"));
  const byName = new Map<string, ScenarioRun[]>();
  for (const run of runs) byName.set(run.scenario.name, [...(byName.get(run.scenario.name) ?? []), run]);
  for (const [name, list] of byName) {
    const passed = list.filter((run) => run.verdict === "passed").length;
    const total = list.reduce((sum, run) => sum + run.durationMs, 0);
    const colour = passed === list.length ? chalk.green : chalk.red;
    print(`  ${colour(`${passed}/${list.length} passed`)} ${name.padEnd(18)} ${formatDuration(total / list.length)} per run`);
  }
}
