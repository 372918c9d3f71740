/**
 * receptor-lab/vitest: matchers and a fixture for a user's own vitest suite.
 *
 *   import { labFixture } from "receptor-lab/vitest";
 *   const test = labFixture("redundant");
 *   test("reroutes", async ({ lab }) => {
 *     await lab.faults.stop("relayer01");
 *     await expect(lab).toConvergeRoutes({ within: "10s" });
 *   });
 */
import { expect, test } from "vitest";
import type { Duration } from "./api/api-options.js";
import { startLab } from "./api/start-lab.js";
import type { Convergence, StartedLab, SubmittedUnit } from "./api/started-lab.js";
import type { StartLabOptions } from "./api/api-options.js";
import type { Topology } from "./topology/model.js";

interface LabMatchers<R = unknown> {
  /** Every live node's routing table matches the topology's oracle for the faults in effect (two polls in a row within `within`). */
  toConvergeRoutes(options?: { within?: Duration }): Promise<R>;
  /** Both sides of the unit agree on state (default: any; e.g. Succeeded), StdoutSize and stdout bytes within `within`. */
  toConvergeWork(unit: SubmittedUnit, options?: { within?: Duration; state?: string }): Promise<R>;
}

declare module "vitest" {
  interface Assertion<T> extends LabMatchers<T> {}
  interface AsymmetricMatchersContaining extends LabMatchers {}
}

function isLab(value: unknown): value is StartedLab {
  return typeof (value as StartedLab | undefined)?.checkRoutes === "function";
}

function verdict(name: string, result: Convergence, isNot: boolean) {
  return {
    pass: result.ok,
    message: () =>
      `${isNot ? `expected ${name} not to hold, but it did` : `expected ${name} (waited ${result.elapsedMs} ms)`}\nexpected: ${result.expected}\nobserved: ${result.observed}`,
    expected: result.expected,
    actual: result.observed,
  };
}

expect.extend({
  async toConvergeRoutes(received: unknown, options: { within?: Duration } = {}) {
    if (!isLab(received)) throw new TypeError("toConvergeRoutes() expects a lab from startLab()");
    return verdict("the routes to converge", await received.checkRoutes(options), this.isNot);
  },
  async toConvergeWork(received: unknown, unit: SubmittedUnit, options: { within?: Duration; state?: string } = {}) {
    if (!isLab(received)) throw new TypeError("toConvergeWork() expects a lab from startLab()");
    return verdict(`unit ${unit.id} to converge`, await received.checkWork(unit, options), this.isNot);
  },
});

/**
 * A vitest `test` whose tests get a fresh started lab as `lab`, removed after each test
 * (pass `{ scope: "file" }` to share one lab across a file).
 */
export function labFixture(topology: Topology | string, options: StartLabOptions & { scope?: "test" | "file" } = {}) {
  const { scope = "test", ...labOptions } = options;
  return test.extend<{ lab: StartedLab }>({
    lab: [
      async ({}, use) => {
        const lab = await startLab(topology, labOptions);
        try {
          await use(lab);
        } finally {
          await lab.destroy();
        }
      },
      { scope },
    ],
  });
}

export type { LabMatchers };
