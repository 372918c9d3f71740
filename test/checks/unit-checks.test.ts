import { describe, expect, it } from "vitest";
import { checkResults, checkUnit, checkUnitCount, describeRunner, unitsConverged } from "../../harness/checks/unit-checks.js";
import type { WorkUnitStatus } from "../../harness/mesh/control-types.js";
import type { UnitObservation, UnitSide } from "../../harness/scenario/observations.js";

const lines = (count: number) => Buffer.from(Array.from({ length: count }, (_, index) => `${index + 1}: 10:00:0${index % 10}\n`).join(""));

function side(node: string, state: string, stdout: Buffer | undefined, stdoutSize = stdout?.length ?? 0): UnitSide {
  const State = ["Pending", "Running", "Succeeded", "Failed", "Canceled"].indexOf(state);
  const status: WorkUnitStatus = { State, StateName: state, Detail: "", StdoutSize: stdoutSize, WorkType: "echo-sleep", ExtraData: null };
  return { node, unitId: "u1", status, files: stdout ? { status: Buffer.from("{}"), stdin: Buffer.alloc(0), stdout } : null };
}

const unit = (controller: UnitSide, executor: UnitSide): UnitObservation => ({ alias: "job", controller, executor });

describe("work-unit convergence", () => {
  it("holds when both sides agree on state, StdoutSize and stdout bytes", () => {
    expect(unitsConverged(unit(side("c", "Succeeded", lines(12)), side("e", "Succeeded", lines(12))))).toBe(true);
  });

  it("does not hold while the controller's copy is frozen behind the executor's", () => {
    const frozen = unit(side("c", "Running", lines(2)), side("e", "Succeeded", lines(12)));
    expect(unitsConverged(frozen)).toBe(false);
    expect(checkUnit("job", { side: "controller", state: "Running", partial: true }, frozen).ok).toBe(true);
  });

  it("does not hold when sizes agree but bytes differ", () => {
    const tampered = Buffer.from(lines(12));
    tampered[0] = 0x39;
    expect(unitsConverged(unit(side("c", "Succeeded", tampered), side("e", "Succeeded", lines(12))))).toBe(false);
  });

  it("does not hold when the controller copied a StdoutSize its local file does not have yet", () => {
    expect(unitsConverged(unit(side("c", "Succeeded", lines(11), 147), side("e", "Succeeded", lines(12))))).toBe(false);
  });

  it("does not hold when a side did not answer", () => {
    const down: UnitSide = { node: "e", unitId: "u1", status: undefined, files: undefined };
    expect(unitsConverged(unit(side("c", "Running", lines(2)), down))).toBe(false);
  });
});

describe("unit expectations", () => {
  it("says what was expected and what was seen", () => {
    const judged = checkUnit("job", { side: "controller", state: "Succeeded", stdoutLines: 12, stdoutSize: 147 }, unit(side("c", "Running", lines(2)), side("e", "Running", lines(3))));
    expect(judged.ok).toBe(false);
    expect(judged.expected).toBe("job (controller): state Succeeded, 12 stdout lines, StdoutSize 147");
    expect(judged.observed).toContain("Running");
    expect(judged.observed).toContain("2 stdout lines");
  });

  it("checks files on the chosen side and a released unit's missing directory", () => {
    const observation = unit({ node: "c", unitId: "u1", status: null, files: null }, side("e", "Succeeded", lines(1)));
    expect(checkUnit("job", { side: "controller", gone: true }, observation).ok).toBe(true);
    expect(checkUnit("job", { side: "executor", files: ["status", "stdin", "stdout"] }, observation).ok).toBe(true);
    expect(checkUnit("job", { side: "executor", files: ["stderr"] }, observation).ok).toBe(false);
  });

  it("counts work-list units", () => {
    expect(checkUnitCount("controller01", 0, {}).ok).toBe(true);
    expect(checkUnitCount("controller01", 0, undefined).ok).toBe(false);
  });

  it("checks results by lines, size, exact text and substring", () => {
    const stdout = Buffer.from("Reply from node04.example.internal: HELLO RECEPTOR!\n");
    expect(checkResults({ lines: 1, size: 52, equals: stdout.toString() }, stdout).ok).toBe(true);
    expect(checkResults({ contains: "HELLO" }, stdout).ok).toBe(true);
    expect(checkResults({ size: 51 }, stdout).ok).toBe(false);
  });
});

describe("the recorded command-runner PID", () => {
  const withRunner = (runner: UnitSide["runner"]): UnitSide => ({ ...side("executor01", "Running", lines(2)), unitId: "controller01abcd1234", runner });
  const receptorThread = { pid: 12, tgid: 7, cmdline: "/usr/bin/receptor -c /etc/receptor/receptor.conf" };
  const runner = { pid: 12, tgid: 12, cmdline: "/usr/bin/receptor --command-runner command=bash params=-c unitdir=/tmp/receptor/executor01/controller01abcd1234" };

  it("is alive while it is still the unit's command runner", () => {
    expect(describeRunner(withRunner(runner))).toEqual({ alive: true, text: "runner PID 12 is its command runner" });
    const job = unit(side("controller01", "Running", lines(2)), withRunner(runner));
    expect(checkUnit("job", { side: "executor", runner: "alive" }, job).ok).toBe(true);
    expect(checkUnit("job", { side: "executor", runner: "stale" }, job).ok).toBe(false);
  });

  it("is stale when the number is free", () => {
    expect(describeRunner(withRunner({ pid: 12 }))).toEqual({ alive: false, text: "runner PID 12 is free" });
  });

  it("is stale, and names the hazard, when the number is now a thread of receptor", () => {
    const described = describeRunner(withRunner(receptorThread));
    expect(described.alive).toBe(false);
    expect(described.text).toBe(
      "runner PID 12 is now a thread of PID 7: /usr/bin/receptor -c /etc/receptor/receptor.conf (cancel and release signal that PID, so they would stop executor01's own receptor, ansible/receptor#711)",
    );
    const judged = checkUnit("job", { side: "executor", runner: "stale" }, unit(side("controller01", "Running", lines(2)), withRunner(receptorThread)));
    expect(judged).toMatchObject({ ok: true, expected: "job (executor): its recorded runner PID stale" });
    expect(judged.observed).toContain("ansible/receptor#711");
  });

  it("is stale when another unit's runner has the number", () => {
    const other = { ...runner, cmdline: runner.cmdline.replace("controller01abcd1234", "controller01zzzz9999") };
    expect(describeRunner(withRunner(other)).alive).toBe(false);
  });

  it("cannot be judged when no PID was recorded or the node did not answer", () => {
    const job = (probe: UnitSide["runner"]) => unit(side("controller01", "Running", lines(2)), withRunner(probe));
    for (const probe of [null, undefined]) {
      expect(checkUnit("job", { side: "executor", runner: "stale" }, job(probe)).ok).toBe(false);
      expect(checkUnit("job", { side: "executor", runner: "alive" }, job(probe)).ok).toBe(false);
    }
  });
});
