import chalk from "chalk";
import { randomInt } from "node:crypto";
import { copyFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { checkChaosOptions, runChaosSession, type ChaosSessionOptions } from "../../api/run-chaos.js";
import { chaosFaultKinds } from "../../chaos/fault-schedule.js";
import type { ChaosReport } from "../../chaos/chaos-run.js";
import { formatDuration, parseDuration } from "../../duration.js";
import { UsageError } from "../../errors.js";
import { ConsoleReporter } from "../../report/console-reporter.js";
import type { CliContext, Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";
import { receptorChoice, receptorFlags, receptorFlagsUsage } from "../receptor-flags.js";
import { removedOnInterrupt } from "../suite-runner.js";

export const usage = [
  `receptor-lab chaos <topology|file> [--seed S] [--steps N | --duration D] [--faults ${chaosFaultKinds.join(",")}] [--workload N]`,
  `       [--shrink-budget D] [--no-shrink] [--fail-on-known] [--no-baseline] [--out FILE] ${receptorFlagsUsage} [--report-dir DIR]`,
  "",
  "Seeded random faults against invariants while work units run. Each round submits N units (--workload,",
  "default 2) from every controller to every executor, applies one fault (one node, a minority, a link, a",
  "node cut off, a random split), holds it, heals it, checks the routes; every unit is checked at the end.",
  "A violation (or a known Receptor bug's signature) is shrunk to the fewest fault rounds that still show it",
  "and written as a scenario that replays with 'receptor-lab scenario <file>'. Same seed, same schedule.",
  "Defaults: a random seed (printed first), --steps 5, every fault kind, --shrink-budget 20m.",
  "Exit: 0 nothing broken (known bugs reported), 1 an invariant violated, 2 bad input, 3 inconclusive.",
].join("\n");

export const chaosCommand: Command = async (args, context) => {
  const { values, positionals } = parseOptions(
    args,
    {
      seed: { type: "string" },
      steps: { type: "string" },
      duration: { type: "string" },
      faults: { type: "string" },
      workload: { type: "string", default: "2" },
      "shrink-budget": { type: "string", default: "20m" },
      "no-shrink": { type: "boolean" },
      "fail-on-known": { type: "boolean" },
      "no-baseline": { type: "boolean" },
      out: { type: "string" },
      "report-dir": { type: "string" },
      ...receptorFlags,
    },
    usage,
  );
  const first = usage.split("\n")[0]!;
  const [reference, ...extra] = positionals;
  if (!reference || extra.length > 0) throw new UsageError(reference ? `one topology at a time, got '${positionals.join(" ")}'` : "say which topology to run chaos on", `Usage: ${first}`);
  const seed = values.seed === undefined ? randomInt(1, 2 ** 31 - 1) : wholeNumber("--seed", values.seed, first);
  if (values.steps !== undefined && values.duration !== undefined) throw new UsageError("--steps and --duration both say how long: choose one", `Usage: ${first}`);
  const reportRoot = resolve(values["report-dir"] ?? context.reportDir);
  const command = ["receptor-lab chaos", ...args.filter((arg, index) => arg !== "--seed" && args[index - 1] !== "--seed" && !arg.startsWith("--seed=")), `--seed ${seed}`].join(" ");
  const options: ChaosSessionOptions = {
    seed,
    ...(values.steps !== undefined ? { rounds: wholeNumber("--steps", values.steps, first) } : {}),
    ...(values.duration !== undefined ? { duration: checkedDuration("--duration", values.duration, first) } : {}),
    ...(values.faults !== undefined ? { faults: values.faults.split(",").map((kind) => kind.trim()).filter(Boolean) } : {}),
    workload: wholeNumber("--workload", values.workload, first),
    shrink: !values["no-shrink"],
    shrinkBudget: checkedDuration("--shrink-budget", values["shrink-budget"], first),
    failOnKnown: values["fail-on-known"] ?? false,
    baseline: !values["no-baseline"],
    command,
    ...receptorChoice(values, first),
    cacheDir: context.cacheDir,
    progress: context.progress,
    reportDir: reportRoot,
    reporters: [new ConsoleReporter((line) => context.print(line))],
    onLab: removedOnInterrupt(context, reportRoot),
  };
  context.print(chalk.bold(`seed ${seed}`) + chalk.gray(`  (the same seed gives the same schedule: ${command})`));
  // everything the session would refuse is refused before the engine is started (or installed)
  await checkChaosOptions(reference, options);
  const report = await runChaosSession(reference, { ...options, runtime: await context.runtime() });
  if (values.out && report.reproducer) await copyFile(report.reproducer.file, values.out);
  printSummary(report, context, values.out);
  return report.judgement.verdict === "violated" ? 1 : report.judgement.verdict === "inconclusive" ? 3 : 0;
};

function printSummary(report: ChaosReport, context: CliContext, out: string | undefined): void {
  const here = (file: string) => relative(process.cwd(), file) || file;
  context.print("");
  context.print(chalk.bold(`chaos, seed ${report.seed}: ${report.judgement.verdict.toUpperCase()} after ${formatDuration(report.durationMs)}`));
  for (const invariant of report.judgement.invariants) {
    const colour = invariant.verdict === "held" ? chalk.green : invariant.verdict === "violated" ? chalk.red : invariant.verdict === "known" ? chalk.yellow : chalk.gray;
    context.print(`  ${colour(invariant.verdict.padEnd(11))} ${invariant.invariant}${invariant.passed ? chalk.gray(` (${invariant.passed} checks passed)`) : ""}${invariant.note ? chalk.gray(` — ${invariant.note}`) : ""}`);
  }
  for (const finding of report.judgement.findings) {
    context.print(`  ${finding.kind === "known" ? chalk.yellow(`known #${finding.issue}`) : chalk.red("violation")} ${finding.invariant}${finding.unit ? ` (${finding.unit})` : ""}${finding.round !== undefined ? `, round ${finding.round}` : ""}`);
    context.print(chalk.gray(`      expected ${finding.expected}\n      observed ${finding.observed}`));
  }
  if (report.judgement.inconclusive) context.print(chalk.yellow(`  inconclusive: ${report.judgement.inconclusive}`));
  if (report.shrink) {
    const kept = report.shrink.candidates.filter((candidate) => candidate.stillFails).length;
    context.print(`  shrunk to ${report.shrink.rounds.length} of ${report.schedule.rounds.length} rounds (${report.shrink.rounds.join(", ")}) in ${report.shrink.candidates.length} candidate runs (${kept} still failed), ${formatDuration(report.shrink.durationMs)}${report.shrink.exhausted ? chalk.yellow(" — budget spent, smallest so far") : ""}`);
  }
  if (report.reproducer) context.print(`  reproducer: ${here(out ?? report.reproducer.file)} — replay: receptor-lab scenario ${here(out ?? report.reproducer.file)}`);
  context.print(`  report: ${here(join(report.scenarioFile, "..", "chaos.html"))} (the run's timeline: ${here(join(report.runReportDir ?? "", "report.html"))})`);
}

function wholeNumber(flag: string, text: string, usage: string): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) throw new UsageError(`${flag} must be a whole number, got '${text}'`, `Usage: ${usage}`);
  return value;
}

/** A duration flag checked as text, so the error names the flag. */
function checkedDuration(flag: string, text: string, usage: string): string {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new UsageError(`${flag} must be a duration like 90s, 10m or 1h, got '${text}'`, `Usage: ${usage}`);
  return text;
}
