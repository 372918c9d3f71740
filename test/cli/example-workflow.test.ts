import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../../harness/paths.js";

interface Step {
  run?: string;
  uses?: string;
  if?: string;
}

const workflow = parse(readFileSync(join(projectRoot, ".github", "workflows", "resilience.yml"), "utf8"));
const steps: Step[] = workflow.jobs.scenarios.steps;

describe("the example workflow (.github/workflows/resilience.yml)", () => {
  it("grants what the JUnit publisher needs and no more", () => {
    expect(workflow.permissions).toEqual({ contents: "read", checks: "write", "pull-requests": "write" });
  });

  it("passes workflow inputs through env:, never into a run: script", () => {
    for (const step of steps.filter((candidate) => candidate.run)) expect(step.run).not.toMatch(/\$\{\{/);
    expect(JSON.stringify(workflow.jobs.scenarios.env)).toContain("inputs.receptor");
  });

  it("keeps and publishes the reports whatever happened to the run", () => {
    const keeping = steps.filter((step) => step.uses?.startsWith("actions/upload-artifact") || step.uses?.startsWith("mikepenz/action-junit-report"));
    expect(keeping).toHaveLength(2);
    for (const step of keeping) expect(step.if).toBe("always()");
  });

  it("runs two builds side by side and compares them, even when one side failed", () => {
    const { matrix, compare } = workflow.jobs;
    expect(matrix.strategy.matrix.side).toEqual(["baseline", "candidate"]);
    const every = [...matrix.steps, ...compare.steps] as Step[];
    for (const step of every.filter((candidate) => candidate.run)) expect(step.run).not.toMatch(/\$\{\{/);
    expect((matrix.steps as Step[]).some((step) => /receptor-lab scenario .*--repeat 3 --receptor "\$RECEPTOR"/s.test(step.run ?? ""))).toBe(true);
    expect(compare.needs).toBe("matrix");
    expect(compare.if).toBe("always()");
    const compareStep = (compare.steps as Step[]).find((step) => step.run?.includes("receptor-lab compare"));
    expect(compareStep?.run).toMatch(/receptor-lab-baseline.*receptor-lab-candidate/s);
  });
});
