import chalk from "chalk";
import { pidOwner } from "../checks/unit-checks.js";
import { formatDuration } from "../duration.js";
import { saturatedBusy } from "../scenario/host-saturation.js";
import { stepKeyword, stepTarget, type RunHooks, type ScenarioRun, type StepResult } from "../scenario/run-result.js";
import type { Scenario, Step } from "../scenario/scenario-model.js";
import type { TimelineEvent } from "../scenario/timeline.js";
import { bugOutcomeWords } from "./bug-atlas.js";

/** Built when printed, not at import, so the colour level the CLI chose applies. */
const mark = (verdict: StepResult["verdict"]) =>
  ({ passed: chalk.green("✓"), failed: chalk.red("✗"), inconclusive: chalk.yellow("?"), skipped: chalk.gray("-") })[verdict];

/** Live console output of a scenario run: steps with time offsets, narration, route changes. */
export class ConsoleReporter implements RunHooks {
  constructor(private readonly write: (line: string) => void) {}

  onRunStart(scenario: Scenario, runId: string): void {
    this.write("");
    this.write(chalk.bold(`▶ ${scenario.name} — ${scenario.title}`));
    if (scenario.reproduces) this.write(chalk.gray(`  reproduces: ${scenario.reproduces}`));
    this.write(chalk.gray(`  topology ${scenario.topology.name}, run ${runId}`));
  }

  onStepStart(step: Step): void {
    if (step.kind === "fault" || step.kind === "submit") this.write(chalk.gray(`${pad("")}   … ${stepKeyword(step)} ${stepTarget(step)}`));
  }

  onStepEnd(step: Step, result: StepResult): void {
    if (step.kind === "say") return;
    const head = `${at(result.startedAt + result.durationMs)} ${mark(result.verdict)} ${chalk.bold(result.kind)} ${describe(result)}`;
    const message = result.detail.message && result.verdict === "passed" ? chalk.gray(` — ${result.detail.message}`) : "";
    this.write(`${head}${message} ${chalk.gray(`(${formatDuration(result.durationMs)})`)}`);
    if (result.verdict !== "passed") {
      if (result.detail.message) this.write(`${pad("")}     ${(result.verdict === "inconclusive" ? chalk.yellow : chalk.red)(result.detail.message)}`);
      if (result.detail.expected) this.write(`${pad("")}     ${chalk.green("expected:")} ${result.detail.expected}`);
      if (result.detail.observed) this.write(`${pad("")}     ${chalk.red("observed:")} ${result.detail.observed}`);
    }
  }

  onEvent(event: TimelineEvent): void {
    switch (event.kind) {
      case "say":
        this.write(`${at(event.t)} ${chalk.blue.italic(`» ${event.data.text as string}`)}`);
        break;
      case "bring-up":
        this.write(`${at(event.t)} ${chalk.cyan("▲")} lab up: ${event.data.nodes} nodes, routes converged ${formatDuration(event.data.ms as number)} after start`);
        break;
      case "route-change": {
        const { destination, from, to } = event.data as { destination: string; from: string | null; to: string | null };
        this.write(`${at(event.t)}   ${chalk.magenta("↪")} ${chalk.gray(`${event.node}: route to ${destination} ${from ? `via ${from}` : "(none)"} → ${to ? `via ${to}` : "(none)"}`)}`);
        break;
      }
      case "routes-converged":
        this.write(`${at(event.t)}   ${chalk.magenta("≡")} ${chalk.gray(`routing tables match the topology again, ${formatDuration(event.data.ms as number)} after ${event.data.after}`)}`);
        break;
      case "unit-state": {
        const { unit, role, from, to } = event.data as { unit: string; role: string; from: string | null; to: string };
        if (from !== null) this.write(`${at(event.t)}   ${chalk.yellow("◆")} ${chalk.gray(`${unit} on ${event.node} (${role}): ${from} → ${to}`)}`);
        break;
      }
      case "runner-pid": {
        const { unit, role, ...probe } = event.data as { unit: string; role: string; pid: number; tgid?: number; cmdline?: string };
        this.write(`${at(event.t)}   ${chalk.yellow("#")} ${chalk.gray(`${unit} on ${event.node} (${role}): runner PID ${probe.pid} is now ${pidOwner(probe)}`)}`);
        break;
      }
      case "action-refused": {
        const { unit, action, reply } = event.data as { unit: string; action: string; reply: string };
        this.write(`${at(event.t)}   ${chalk.yellow("↻")} ${chalk.gray(`${event.node} refused ${action} ${unit}: ${reply}; asking again`)}`);
        break;
      }
      default:
        break;
    }
  }

  onRunEnd(run: ScenarioRun): void {
    const counts = { passed: 0, failed: 0, inconclusive: 0, skipped: 0 };
    for (const step of run.steps) counts[step.verdict]++;
    if (run.error) this.write(`${chalk.red("  error:")} ${run.error}`);
    const colour = run.verdict === "passed" ? chalk.green : run.verdict === "failed" ? chalk.red : chalk.yellow;
    const faults = run.metrics.faults
      .filter((fault) => fault.routeChangeMs !== null)
      .map((fault) => `${fault.action} ${fault.target} → route change ${formatDuration(fault.routeChangeMs!)}`);
    this.write(
      `${colour.bold(`■ ${run.verdict.toUpperCase()}`)} ${run.scenario.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.inconclusive} inconclusive, ${counts.skipped} skipped in ${formatDuration(run.durationMs)}${run.quick ? " (quick)" : ""}`,
    );
    if (faults.length) this.write(chalk.gray(`  ${faults.join("; ")}`));
    if (run.bug) {
      const shade = run.bug.outcome === "reproduced" ? chalk.magenta : run.bug.outcome === "not-reproduced" ? chalk.cyan : chalk.yellow;
      this.write(`  ${shade.bold(`ansible/receptor#${run.bug.issue} ${bugOutcomeWords[run.bug.outcome]}`)} on Receptor ${run.receptorVersion}: ${run.bug.restsOn}`);
    }
    const saturatedMs = run.metrics.hostCpu?.saturatedMs ?? 0;
    if (saturatedMs > 0) {
      const starved = run.steps.filter((step) => step.detail.wouldHave !== undefined).length;
      this.write(chalk.yellow(`  host CPU ≥ ${saturatedBusy * 100}% for ${formatDuration(saturatedMs)} of the run; ${starved} timing step(s) judged then inconclusive`));
    }
  }
}

/** What a step looked at: an expectation says what it expected, others name their target. */
function describe(result: StepResult): string {
  if (result.kind === "expect" && result.detail.expected) return result.detail.expected;
  return result.target;
}

function at(ms: number): string {
  return chalk.gray(`+${(ms / 1000).toFixed(1)}s`.padStart(8));
}

function pad(text: string): string {
  return text.padStart(8);
}
