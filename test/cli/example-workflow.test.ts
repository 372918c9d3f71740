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
});
