import type { Judgement, UnitObservation, UnitSide } from "../scenario/observations.js";
import type { WorkUnitStatus } from "../mesh/control-types.js";
import type { ProcessProbe } from "../runtime/process-probe.js";
import type { UnitExpectation } from "../scenario/scenario-model.js";

export function countLines(bytes: Buffer | undefined): number {
  if (!bytes) return 0;
  let lines = 0;
  for (const byte of bytes) if (byte === 10) lines++;
  return lines;
}

function describeSide(side: UnitSide): string {
  if (side.status === undefined) return `${side.node} did not answer`;
  if (side.status === null) return `${side.node} has no unit ${side.unitId ?? "(id unknown)"}`;
  const stdout = side.files?.stdout;
  const files = side.files === null ? "no unit directory" : side.files ? `files ${Object.keys(side.files).sort().join(",") || "none"}` : "files not readable";
  return `${side.node} ${side.unitId}: ${side.status.StateName} "${side.status.Detail}", StdoutSize ${side.status.StdoutSize}, ${countLines(stdout)} stdout lines (${stdout?.length ?? 0} bytes), ${files}`;
}

/** Work-unit convergence: same state, same StdoutSize, byte-identical stdout on both sides. */
export function unitsConverged(unit: UnitObservation): boolean {
  const { controller, executor } = unit;
  if (!controller.status || !executor.status || !controller.files || !executor.files) return false;
  const local = controller.files.stdout ?? Buffer.alloc(0);
  const remote = executor.files.stdout ?? Buffer.alloc(0);
  return (
    controller.status.State === executor.status.State &&
    controller.status.StdoutSize === executor.status.StdoutSize &&
    local.length === controller.status.StdoutSize &&
    local.equals(remote)
  );
}

const receptorIssue = "ansible/receptor#711";

/** Whether the recorded runner PID is still the unit's runner (undefined: cannot tell), and what it is now. */
export function describeRunner(side: UnitSide): { alive: boolean | undefined; text: string } {
  const probe = side.runner;
  if (probe === undefined) return { alive: undefined, text: `${side.node} could not be asked what the runner PID is` };
  if (probe === null) return { alive: undefined, text: `${side.node} recorded no runner PID` };
  if (probe.tgid === undefined) return { alive: false, text: `runner PID ${probe.pid} is ${pidOwner(probe)}` };
  const cmdline = probe.cmdline ?? "";
  if (cmdline.includes("--command-runner") && side.unitId !== undefined && cmdline.includes(side.unitId)) {
    return { alive: true, text: `runner PID ${probe.pid} is its command runner` };
  }
  const hazard = /\breceptor\b/.test(cmdline) && !cmdline.includes("--command-runner") ? ` (cancel and release signal that PID, so they would stop ${side.node}'s own receptor, ${receptorIssue})` : "";
  return { alive: false, text: `runner PID ${probe.pid} is now ${pidOwner(probe)}${hazard}` };
}

/** Who has a PID number now: nobody, a process, or a thread of one. */
export function pidOwner(probe: ProcessProbe): string {
  if (probe.tgid === undefined) return "free";
  return probe.tgid === probe.pid ? `another process: ${probe.cmdline}` : `a thread of PID ${probe.tgid}: ${probe.cmdline}`;
}

export function checkUnit(alias: string, expectation: UnitExpectation, unit: UnitObservation): Judgement {
  const side = unit[expectation.side];
  const wants: string[] = [];
  let ok = true;
  const require = (want: string, holds: boolean) => {
    wants.push(want);
    if (!holds) ok = false;
  };
  const status = side.status ?? undefined;
  const stdout = side.files?.stdout;
  if (expectation.state !== undefined) require(`state ${expectation.state}`, status?.StateName === expectation.state);
  if (expectation.detail !== undefined) require(`Detail containing '${expectation.detail}'`, status?.Detail?.includes(expectation.detail) ?? false);
  if (expectation.stdoutLines !== undefined) require(`${expectation.stdoutLines} stdout lines`, countLines(stdout) === expectation.stdoutLines);
  if (expectation.stdoutSize !== undefined)
    require(`StdoutSize ${expectation.stdoutSize}`, status?.StdoutSize === expectation.stdoutSize && stdout?.length === expectation.stdoutSize);
  if (expectation.partial !== undefined) {
    const local = unit.controller.files?.stdout?.length;
    const remote = unit.executor.files?.stdout?.length;
    const partial = local !== undefined && remote !== undefined && local < remote;
    require(expectation.partial ? "controller stdout behind the executor's" : "controller stdout not behind", partial === expectation.partial);
  }
  if (expectation.converged !== undefined)
    require(expectation.converged ? "both sides converged (state, StdoutSize, stdout bytes)" : "sides not converged", unitsConverged(unit) === expectation.converged);
  if (expectation.files !== undefined)
    require(`files ${expectation.files.join(", ")}`, expectation.files.every((file) => side.files?.[file] !== undefined));
  if (expectation.gone !== undefined) require(expectation.gone ? "unit directory gone" : "unit directory present", (side.files === null) === expectation.gone);
  const runner = expectation.runner !== undefined ? describeRunner(side) : undefined;
  if (runner) require(expectation.runner === "alive" ? "its command runner alive" : "its recorded runner PID stale", runner.alive === (expectation.runner === "alive"));
  const sides =
    expectation.side === "controller" && (expectation.converged !== undefined || expectation.partial !== undefined)
      ? `controller ${describeSide(unit.controller)} | executor ${describeSide(unit.executor)}`
      : describeSide(side);
  const observed = runner ? `${sides}; ${runner.text}` : sides;
  return { ok, expected: `${alias} (${expectation.side}): ${wants.join(", ")}`, observed };
}

export function checkUnitCount(on: string, count: number, units: Record<string, WorkUnitStatus> | undefined): Judgement {
  const ids = units ? Object.keys(units) : [];
  return {
    ok: units !== undefined && ids.length === count,
    expected: `${on} work list holds ${count} unit(s)`,
    observed: units ? `${on} work list holds ${ids.length}${ids.length ? `: ${ids.join(", ")}` : ""}` : `${on} did not answer`,
  };
}

export function checkResults(expected: { lines?: number; size?: number; equals?: string; contains?: string }, stdout: Buffer): Judgement {
  const wants: string[] = [];
  let ok = true;
  if (expected.lines !== undefined) {
    wants.push(`${expected.lines} lines`);
    ok &&= countLines(stdout) === expected.lines;
  }
  if (expected.size !== undefined) {
    wants.push(`${expected.size} bytes`);
    ok &&= stdout.length === expected.size;
  }
  if (expected.equals !== undefined) {
    wants.push(JSON.stringify(expected.equals));
    ok &&= stdout.toString("utf8") === expected.equals;
  }
  if (expected.contains !== undefined) {
    wants.push(`containing ${JSON.stringify(expected.contains)}`);
    ok &&= stdout.toString("utf8").includes(expected.contains);
  }
  const text = stdout.toString("utf8");
  const preview = text.length > 160 ? `${JSON.stringify(text.slice(0, 160))}…` : JSON.stringify(text);
  return { ok, expected: `results: ${wants.join(", ") || "complete"}`, observed: `${countLines(stdout)} lines, ${stdout.length} bytes: ${preview}` };
}
