import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scenarioJudge } from "../../harness/checks/scenario-judge.js";
import type { Clock } from "../../harness/clock.js";
import { paths } from "../../harness/paths.js";
import { silentProgress } from "../../harness/progress.js";
import type { Lab } from "../../harness/runtime/lab-runtime.js";
import type { MeshClientFactory } from "../../harness/scenario/lab-session.js";
import type { RunHooks } from "../../harness/scenario/run-result.js";
import { ScenarioCatalog } from "../../harness/scenario/scenario-catalog.js";
import { runScenario, type EngineOptions } from "../../harness/scenario/scenario-engine.js";
import { TopologyCatalog } from "../../harness/topology/topology-catalog.js";
import { FakeClock } from "../fake-clock.js";
import { FakeHostCpu } from "../fakes/fake-host-cpu.js";
import { fakeMesh } from "../fakes/fake-mesh.js";
import { FakeRuntime, type FakeLab, type FakeLabBehaviour } from "../fakes/fake-runtime.js";

const catalog = new ScenarioCatalog(paths.scenarios, new TopologyCatalog(paths.topologies));
const fixture = (name: string) => catalog.load(join(import.meta.dirname, "..", "fixtures", "engine", `${name}.yaml`));

async function run(name: string, options: { behaviour?: FakeLabBehaviour; hooks?: RunHooks } & Partial<EngineOptions> = {}) {
  const scenario = await fixture(name);
  const runtime = new FakeRuntime(options.behaviour);
  const clock = options.clock ?? new FakeClock(1_000_000);
  const result = await runScenario(scenario, {
    runtime,
    meshClients: fakeMesh(scenario.topology),
    image: "fake-node:1.6.5",
    receptorVersion: "1.6.5",
    runId: "20261130-000000-abcdef",
    quick: true,
    judge: scenarioJudge,
    hooks: options.hooks ?? {},
    progress: silentProgress,
    clock,
    hostCpu: new FakeHostCpu(clock, 0.1),
    ...options,
  });
  return { result, lab: runtime.labs[0]! };
}

describe("the scenario engine, on a fake runtime", () => {
  it("runs the steps in order, each through the runtime, and passes", async () => {
    const order: string[] = [];
    const { result, lab } = await run("reroute", {
      hooks: { onStepStart: (step) => order.push(`start ${step.index}`), onStepEnd: (step, outcome) => order.push(`end ${step.index} ${outcome.verdict}`) },
    });
    expect(result.verdict, JSON.stringify(result.steps.filter((step) => step.verdict !== "passed"))).toBe("passed");
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6].flatMap((index) => [`start ${index}`, `end ${index} passed`]));
    expect(result.steps.map((step) => step.kind)).toEqual(["say", "expect", "expect", "stop", "expect", "start", "expect"]);
    // every container first with receptor held, then released listeners before their dialers (start waves), then the scenario's faults
    expect(lab.calls.filter((call) => !call.startsWith("exec"))).toEqual([
      "prestart relayer01",
      "prestart relayer02",
      "prestart controller01",
      "prestart executor01",
      "start relayer01",
      "start relayer02",
      "start controller01",
      "start executor01",
      "stop relayer01",
      "start relayer01",
    ]);
    expect(result.events.filter((event) => event.kind === "fault").map((event) => [event.node, event.data.action, event.data.tookEffect])).toEqual([
      ["relayer01", "stop", true],
      ["relayer01", "start", true],
    ]);
    expect(result.metrics.faults.map((fault) => fault.target)).toEqual(["relayer01", "relayer01"]);
    expect(lab.destroyed).toBe(1);
  });

  it("runs a node on its own image when the lab mixes versions, and records every node's Receptor", async () => {
    const { result, lab } = await run("reroute", { nodeImages: new Map([["executor01", { tag: "fake-node:1.4.11", receptorVersion: "1.4.11", built: false }]]) });
    expect(lab.spec.nodes.find((node) => node.id === "executor01")).toMatchObject({ image: "fake-node:1.4.11", receptorVersion: "1.4.11" });
    expect(result.nodeVersions).toEqual({ relayer01: "1.6.5", relayer02: "1.6.5", controller01: "1.6.5", executor01: "1.4.11" });
    const plain = await run("reroute");
    expect(plain.result.nodeVersions).toBeUndefined();
  });

  it("upgrades one node at a time with the pause between, each a fault on the timeline; the oracle counts them up again", async () => {
    const images = new Map([
      ["1.6.5", { tag: "fake-node:1.6.5-new", receptorVersion: "1.6.5", built: false }],
      ["1.4.11", { tag: "fake-node:1.4.11", receptorVersion: "1.4.11", built: false }],
    ]);
    const clock = new FakeClock(1_000_000);
    const { result, lab } = await run("upgrade", { upgradeImages: images, clock });
    expect(result.verdict, JSON.stringify(result.steps.filter((step) => step.verdict !== "passed"))).toBe("passed");
    expect(lab.calls.filter((call) => call.startsWith("replace-image"))).toEqual([
      "replace-image fake-node:1.6.5-new relayer01",
      "replace-image fake-node:1.6.5-new relayer02",
      "replace-image fake-node:1.4.11 executor01",
    ]);
    const faults = result.events.filter((event) => event.kind === "fault");
    expect(faults.map((event) => [event.node, event.data.action, event.data.from, event.data.to, event.data.tookEffect])).toEqual([
      ["relayer01", "upgrade", "1.6.5", "1.6.5", true],
      ["relayer02", "upgrade", "1.6.5", "1.6.5", true],
      ["executor01", "downgrade", "1.6.5", "1.4.11", true],
    ]);
    expect(faults[1]!.t - faults[0]!.t).toBeGreaterThanOrEqual(2_000);
    expect(result.steps.map((step) => [step.kind, step.target])).toContainEqual(["rolling-upgrade", "relayer01, relayer02 → 1.6.5"]);
    expect(lab.receptorVersionOf("executor01")).toBe("1.4.11");
  });

  it("in step mode asks before each step; stopping there skips the rest, tears down and says so", async () => {
    const asked: number[] = [];
    const { result, lab } = await run("reroute", {
      beforeStep: async (step) => {
        asked.push(step.index);
        return step.kind === "fault" ? "stop" : "run";
      },
    });
    expect(asked).toEqual([0, 1, 2, 3]);
    expect(result.steps.map((step) => step.verdict)).toEqual(["passed", "passed", "passed", "skipped", "skipped", "skipped", "skipped"]);
    expect(result.steps[3]!.detail.message).toBe("not run: stopped by the user");
    expect(result.verdict).toBe("inconclusive");
    expect(result.error).toBe("stopped by the user before step 4 of 7");
    expect(lab.calls).not.toContain("stop relayer01");
    expect(lab.destroyed).toBe(1);
  });

  it("records the faults of a kept lab with it, so the commands that drive it by hand know them", async () => {
    const scenario = await fixture("reroute");
    const runtime = new FakeRuntime();
    await runScenario(scenario, {
      runtime,
      meshClients: fakeMesh(scenario.topology),
      image: "fake-node:1.6.5",
      receptorVersion: "1.6.5",
      runId: "kept",
      quick: true,
      judge: scenarioJudge,
      hooks: {},
      progress: silentProgress,
      clock: new FakeClock(1_000_000),
      hostCpu: { read: () => undefined },
      keep: true,
    });
    expect((await runtime.recordedFaults("kept")).map((plan) => (plan.kind === "node" ? `${plan.action} ${plan.nodes.join(",")}` : plan.kind))).toEqual(["stop relayer01", "start relayer01"]);
  });

  it("skips every step after the first failure and says so", async () => {
    const { result, lab } = await run("fails-early");
    expect(result.verdict).toBe("failed");
    expect(result.steps.map((step) => step.verdict)).toEqual(["failed", "skipped", "skipped"]);
    expect(result.steps[0]!.detail.expected).toContain("relayer02");
    expect(result.steps[1]!.detail.message).toBe("not run: an earlier step failed");
    expect(lab.calls).not.toContain("stop relayer01");
    expect(lab.destroyed).toBe(1);
  });

  it("makes a fault that did not take effect inconclusive, never passed", async () => {
    const { result } = await run("stop-relayer", { behaviour: { ignoresStop: ["relayer01"] } });
    expect(result.verdict).toBe("inconclusive");
    expect(result.steps[0]).toMatchObject({ verdict: "inconclusive", detail: { message: expect.stringContaining("relayer01 is running") } });
    expect(result.steps[1]!.verdict).toBe("skipped");
    expect(result.events.find((event) => event.kind === "fault")?.data.tookEffect).toBe(false);
  });

  it("heals a partition when a step fails and the lab is kept up", async () => {
    const { result, lab } = await run("partition-then-fail", { keep: true });
    expect(result.steps.map((step) => step.verdict)).toEqual(["passed", "failed"]);
    expect([...lab.rules.values()].every((count) => count === 0)).toBe(true);
    expect(result.events.filter((event) => event.kind === "fault").map((event) => event.data.action)).toEqual(["partition", "heal"]);
    expect(lab.destroyed).toBe(0);
  });

  it("leaves the partition's rules in place until teardown when the lab is not kept", async () => {
    const { lab } = await run("partition-then-fail");
    expect(lab.destroyed).toBe(1);
  });

  it("lets an interrupt tear the lab down mid-run, and tears down again safely at the end", async () => {
    let interrupt: (() => Promise<unknown>) | undefined;
    let interruptedAt = -1;
    const { result, lab } = await run("reroute", {
      onLab: (created: Lab) => {
        interrupt = () => created.destroy();
        return () => (interrupt = undefined);
      },
      hooks: {
        onStepStart: (step) => {
          if (step.index === 3 && interrupt) {
            interruptedAt = step.index;
            void interrupt();
          }
        },
      },
    });
    expect(interruptedAt).toBe(3);
    expect((lab as FakeLab).destroyed).toBe(2);
    expect(result.verdict).not.toBe("passed");
    expect(interrupt).toBeUndefined();
  });
});

/** The fake mesh, every node silent until `quiet.until` (fake time): a step that waits for it takes that long. */
function silentUntil(mesh: MeshClientFactory, clock: Clock, quiet: { until: number }): MeshClientFactory {
  return (lab, id) => {
    const client = mesh(lab, id);
    const silent = async () => {
      if (clock.now() < quiet.until) throw new Error(`${id} does not answer yet`);
    };
    return {
      ...client,
      async status() {
        await silent();
        return client.status();
      },
      async routingTable() {
        await silent();
        return client.routingTable();
      },
    };
  };
}

describe("log expectations since a mark", () => {
  it("count only what the node logged after the mark; without since, the whole log", async () => {
    const runtime = new FakeRuntime();
    const { result } = await run("log-since", {
      runtime,
      hooks: {
        onStepStart: (step) => {
          if (step.index !== 0) return;
          const lab = runtime.labs[0]!;
          lab.appendLog("controller01", "ERROR boom (before the mark)", new Date(Date.now() - 60_000));
          lab.appendLog("controller01", "ERROR boom (after the mark)", new Date(Date.now() + 60_000));
        },
      },
    });
    expect(result.steps.map((step) => [step.kind, step.target, step.verdict])).toEqual([
      ["expect", "all nodes", "passed"],
      ["mark", "restarted", "passed"],
      ["expect", "controller01", "passed"],
      ["expect", "controller01", "passed"],
    ]);
    expect(result.events.filter((event) => event.kind === "mark").map((event) => event.data)).toEqual([{ name: "restarted" }]);
  });
});

describe("a bug scenario's signature", () => {
  it("reproduces the bug when the buggy observable holds for its hold time, and says what that rests on", async () => {
    const clock = new FakeClock(1_000_000);
    const { result } = await run("bug-shows", { clock });
    const signature = result.steps.at(-1)!;
    expect(signature).toMatchObject({ kind: "signature", verdict: "passed", detail: { bug: "reproduced", observed: "controller01: executor01 via relayer01" } });
    expect(signature.detail.message).toMatch(/^the buggy observable held after \d+ ms and for 5000 ms after$/);
    expect(signature.durationMs).toBeGreaterThanOrEqual(5_000);
    expect(result.verdict).toBe("passed");
    expect(result.bug).toEqual({ issue: 9001, outcome: "reproduced", restsOn: expect.stringContaining("controller01: executor01 via relayer01 (the buggy observable held") });
  });

  it("does not reproduce it when the fixed observable holds, without waiting out the hold", async () => {
    const { result } = await run("bug-fixed");
    const signature = result.steps.at(-1)!;
    expect(signature).toMatchObject({ verdict: "passed", detail: { bug: "not-reproduced", observed: "controller01: executor01 via relayer02" } });
    expect(signature.durationMs).toBeLessThan(5_000);
    expect(result.bug).toMatchObject({ issue: 9002, outcome: "not-reproduced" });
  });

  it("is inconclusive when neither observable settles within its time, with both as last seen", async () => {
    const { result } = await run("bug-neither");
    const signature = result.steps.at(-1)!;
    expect(signature).toMatchObject({ verdict: "inconclusive", detail: { message: "neither observable settled within 10000 ms" } });
    expect(signature.detail.observed).toBe("buggy: controller01: executor01 via relayer01 | fixed: controller01: executor01 via relayer01");
    expect(result.verdict).toBe("inconclusive");
    expect(result.bug).toEqual({ issue: 9003, outcome: "inconclusive", restsOn: expect.stringMatching(/^neither observable settled within 10000 ms: buggy: /) });
  });

  it("is inconclusive when a step before the signature fails, naming that step", async () => {
    const { result } = await run("bug-setup-fails");
    expect(result.steps.map((step) => step.verdict)).toEqual(["failed", "skipped"]);
    expect(result.verdict).toBe("failed");
    expect(result.bug).toEqual({ issue: 9004, outcome: "inconclusive", restsOn: expect.stringMatching(/^step 1 \(expect controller01, line 6\) failed before the signature: did not hold/) });
  });

  it("leaves a scenario that is not about a bug without a finding", async () => {
    const { result } = await run("reroute");
    expect(result.bug).toBeUndefined();
  });
});

describe("the host-CPU guard", () => {
  /** The starved fixture with the host at `busy` from the first step on; its first expectation takes 5 s. */
  async function starved(busy: number) {
    const scenario = await fixture("starved");
    const clock = new FakeClock(1_000_000);
    const host = new FakeHostCpu(clock, 0.3);
    const quiet = { until: 0 };
    const ended: string[] = [];
    const { result } = await run("starved", {
      clock,
      hostCpu: host,
      meshClients: silentUntil(fakeMesh(scenario.topology), clock, quiet),
      hooks: {
        onStepStart: (step) => {
          if (step.index > 0) return;
          host.set(busy);
          quiet.until = clock.now() + 5_000;
        },
        onStepEnd: (_step, outcome) => ended.push(outcome.verdict),
      },
    });
    return { result, ended };
  }

  it("makes a within expectation that passed on a host at 100% for 5 s inconclusive, with the reason and what it would have been", async () => {
    const { result, ended } = await starved(1);
    const [converged, restart, plain, late] = result.steps;
    expect(converged!.durationMs).toBeGreaterThanOrEqual(5_000);
    expect(converged).toMatchObject({ verdict: "inconclusive", detail: { wouldHave: "passed", hostSaturatedMs: converged!.durationMs } });
    expect(converged!.detail.message).toMatch(/^host CPU ≥ 95% for 5\.\d s of this step's 5\.\d s: a timing verdict on a starved machine says nothing \(it would have passed: held after \d+ ms\)$/);
    // the fault and the expectation without `within` are judged as ever, on the same starved host
    expect([restart!.verdict, plain!.verdict]).toEqual(["passed", "passed"]);
    // 2 s of a saturated host is too short to blame: the late route fails as ever
    expect(late).toMatchObject({ verdict: "failed", detail: { expected: "controller01: executor01 via relayer02" } });
    // a starved step that would have passed lets the run go on
    expect(result.steps.map((step) => step.verdict)).toEqual(["inconclusive", "passed", "passed", "failed", "skipped"]);
    expect(ended).toEqual(["inconclusive", "passed", "passed", "failed"]);
    expect(result.verdict).toBe("failed");
    const samples = result.events.filter((event) => event.kind === "host-cpu");
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((event) => event.node === null && typeof event.data.ms === "number" && Object.keys(event.data).length === 2)).toBe(true);
    expect(result.metrics.hostCpu!.maxBusy).toBe(1);
    expect(result.metrics.hostCpu!.saturatedMs).toBeGreaterThanOrEqual(12_000);
  });

  it("judges the same steps as ever on a host at 30%", async () => {
    const { result } = await starved(0.3);
    expect(result.steps.map((step) => step.verdict)).toEqual(["passed", "passed", "passed", "failed", "skipped"]);
    expect(result.steps[0]!.detail.message).toMatch(/^held after \d+ ms$/);
    expect(result.steps[3]!.detail.wouldHave).toBeUndefined();
    expect(result.verdict).toBe("failed");
    expect(result.metrics.hostCpu).toEqual({ maxBusy: 0.3, saturatedMs: 0 });
  });

  it("fails an expectation without within on a starved host as ever", async () => {
    const clock = new FakeClock(1_000_000);
    const { result } = await run("fails-early", { clock, hostCpu: new FakeHostCpu(clock, 1) });
    expect(result.steps.map((step) => step.verdict)).toEqual(["failed", "skipped", "skipped"]);
  });

  it("samples nothing, and says so once, where the host's CPU cannot be read", async () => {
    const warnings: string[] = [];
    const { result } = await run("reroute", { hostCpu: { read: () => undefined }, progress: { ...silentProgress, warn: (message) => warnings.push(message) } });
    expect(result.verdict).toBe("passed");
    expect(result.events.some((event) => event.kind === "host-cpu")).toBe(false);
    expect(result.metrics.hostCpu).toBeUndefined();
    expect(warnings).toEqual(["host CPU not sampled (no /proc/stat here): timing verdicts are not checked for a starved host"]);
  });
});
