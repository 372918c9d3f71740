import chalk from "chalk";
import type { Comparison, ScenarioComparison } from "../report/compare/comparison.js";
import { changeText, msText, sideText, verdictText } from "../report/compare/describe.js";

const changeColour = { same: chalk.gray, better: chalk.green, worse: chalk.red.bold } as const;

/** The comparison as console lines: the sides, then per scenario its verdicts, changed metrics and behaviour differences. */
export function comparisonLines(comparison: Comparison): string[] {
  const { a, b } = comparison.sides;
  const lines = [
    `${chalk.bold("A")} ${a.label} ${chalk.gray(`(${sideText(a)})`)}`,
    `${chalk.bold("B")} ${b.label} ${chalk.gray(`(${sideText(b)})`)}`,
    ...comparison.notes.map((note) => chalk.gray(note)),
  ];
  for (const scenario of comparison.scenarios) lines.push("", ...scenarioLines(scenario));
  lines.push("");
  if (comparison.onlyInA.length) lines.push(chalk.yellow(`Only in A: ${comparison.onlyInA.join(", ")}`));
  if (comparison.onlyInB.length) lines.push(chalk.yellow(`Only in B: ${comparison.onlyInB.join(", ")}`));
  const regressed = comparison.scenarios.filter((scenario) => scenario.change === "worse").map((scenario) => scenario.scenario);
  lines.push(regressed.length ? chalk.red.bold(`Regressed: ${regressed.join(", ")}`) : chalk.green("Nothing regressed."));
  return lines;
}

function scenarioLines(scenario: ScenarioComparison): string[] {
  const { a, b } = scenario.verdicts;
  const lines = [`${chalk.bold(scenario.scenario)}  ${verdictText(a)} → ${verdictText(b)}  ${changeColour[scenario.change](scenario.change)}`];
  for (const note of scenario.stepShape) lines.push(chalk.yellow(`  steps: ${note}`));
  for (const step of scenario.steps) lines.push(`  step ${step.index + 1} ${step.step}: ${step.a ?? "—"} → ${step.b ?? "—"}`);
  const changed = scenario.metrics.filter((metric) => metric.changed);
  const width = Math.max(0, ...changed.map((metric) => metric.name.length));
  for (const metric of changed) {
    const colour = metric.direction === "faster" ? chalk.green : chalk.red;
    lines.push(`  ${metric.name.padEnd(width)}  ${msText(metric.a)} → ${msText(metric.b)}  ${colour(changeText(metric))}`);
  }
  for (const difference of scenario.behaviour) {
    lines.push(`  ${chalk.magenta(`${difference.kind}:`)} ${difference.subject}`, `      ${chalk.gray("A:")} ${difference.a}  ${chalk.gray("B:")} ${difference.b}`);
    if (difference.example) lines.push(chalk.gray(`      e.g. ${difference.example}`));
  }
  if (lines.length === 1) lines.push(chalk.gray("  no step, metric or behaviour changed"));
  return lines;
}
