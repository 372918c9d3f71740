import { describe, expect } from "vitest";
import { labFixture } from "receptor-lab/vitest";

// A fresh `redundant` lab (demo 03) for each test: controller01 reaches executor01 through
// relayer01 (cost 1) or relayer02 (cost 2). `quick` makes echo-sleep print a line a second.
const test = labFixture("redundant", { quick: true });

describe("a relayer dies mid-job", () => {
  test("the mesh reroutes through relayer02 and the job still converges", async ({ lab }) => {
    expect((await lab.routes()).controller01?.executor01).toBe("relayer01");

    const job = await lab.submit({ on: "controller01", node: "executor01", workType: "echo-sleep" });
    await lab.faults.stop("relayer01");

    await expect(lab).toConvergeRoutes({ within: "10s" });
    expect((await lab.routes()).controller01?.executor01).toBe("relayer02");
    await expect(lab).toConvergeWork(job, { state: "Succeeded", within: "90s" });

    const stdout = await lab.client("controller01").results(job.id);
    expect(stdout.toString().trim().split("\n")).toHaveLength(12);
  });
});
