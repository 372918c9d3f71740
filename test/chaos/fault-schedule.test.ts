import { describe, expect, it } from "vitest";
import { chaosRoles, chaosSchedule, chaosFaultKinds, plannedRoundMs, settleAllowanceMs } from "../../harness/chaos/fault-schedule.js";
import { paths } from "../../harness/paths.js";
import { TopologyCatalog } from "../../harness/topology/topology-catalog.js";

const topologies = new TopologyCatalog(paths.topologies);

describe("the chaos schedule", () => {
  it("is the same for the same seed and differs for another", async () => {
    const topology = await topologies.load("complex");
    const options = { faults: chaosFaultKinds, jobsPerPair: 2, rounds: 8 };
    const once = chaosSchedule(topology, { ...options, seed: 42 });
    expect(chaosSchedule(topology, { ...options, seed: 42 })).toEqual(once);
    expect(chaosSchedule(topology, { ...options, seed: 43 })).not.toEqual(once);
    expect(once.rounds.map((round) => round.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("uses only the fault kinds asked for, on nodes and links of the topology, a minority at most", async () => {
    const topology = await topologies.load("complex");
    const ids = new Set(topology.nodes.map((node) => node.id));
    const schedule = chaosSchedule(topology, { seed: 7, faults: ["kill", "partition"], jobsPerPair: 0, rounds: 40 });
    for (const { fault, holdMs, leadMs } of schedule.rounds) {
      expect(["kill", "partition"]).toContain(fault.kind);
      if (fault.kind === "kill") {
        expect(fault.nodes.length).toBeLessThanOrEqual(Math.floor((ids.size - 1) / 2));
        for (const node of fault.nodes) expect(ids.has(node)).toBe(true);
      }
      if (fault.kind === "partition" && "split" in fault) {
        expect(fault.split[0].length + fault.split[1].length).toBe(ids.size);
        expect(fault.split[0].length).toBeGreaterThan(0);
      }
      expect(holdMs).toBeGreaterThanOrEqual(3_000);
      expect(holdMs).toBeLessThanOrEqual(60_000);
      expect(leadMs).toBeGreaterThanOrEqual(1_000);
    }
    expect(new Set(schedule.rounds.map((round) => ("cut" in round.fault ? "cut" : "isolate" in round.fault ? "isolate" : "split" in round.fault ? "split" : "node")))).toEqual(new Set(["cut", "isolate", "split", "node"]));
  });

  it("submits from every controller to every executor, with the executor's own work types", async () => {
    const topology = await topologies.load("redundant");
    expect(chaosRoles(topology)).toEqual({ controllers: ["controller01"], executors: ["executor01"] });
    const [round] = chaosSchedule(topology, { seed: 1, faults: ["stop"], jobsPerPair: 3, rounds: 1 }).rounds;
    expect(round!.jobs.map((job) => job.alias)).toEqual(["r1-controller01-executor01-1", "r1-controller01-executor01-2", "r1-controller01-executor01-3"]);
    for (const job of round!.jobs) expect(["echo-reply", "echo-sleep"]).toContain(job.workType);
  });

  it("fits --duration: as many rounds as the planned time holds, with room for the units to settle", async () => {
    const topology = await topologies.load("redundant");
    const schedule = chaosSchedule(topology, { seed: 5, faults: chaosFaultKinds, jobsPerPair: 1, durationMs: 10 * 60_000 });
    const planned = schedule.rounds.reduce((sum, round) => sum + plannedRoundMs(round), 0);
    expect(schedule.rounds.length).toBeGreaterThan(3);
    expect(planned + settleAllowanceMs).toBeLessThanOrEqual(10 * 60_000);
  });
});
