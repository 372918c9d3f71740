import type { Judge } from "../scenario/judge.js";
import type { Judgement, JudgeContext, Observation } from "../scenario/observations.js";
import type { Expectation } from "../scenario/scenario-model.js";
import { checkConnections, checkConverged, checkKnown, checkPing, checkRoute, checkTraceroute } from "./route-checks.js";
import { checkExited, checkLog, checkSecureWork, checkServices } from "./node-checks.js";
import { checkResults, checkUnit, checkUnitCount } from "./unit-checks.js";

/** The judge of every expectation a scenario can state. */
export const scenarioJudge: Judge = {
  check(expectation: Expectation, observation: Observation, context: JudgeContext): Judgement {
    /** The node status the observation carries, when it is of the expected kind. */
    const status = () => (observation.what === expectation.what && "status" in observation ? observation.status : undefined);
    switch (expectation.what) {
      case "routes-converged":
        return checkConverged(context.expectedRoutes, observation.what === "routes-converged" ? observation.tables : new Map());
      case "route":
        return checkRoute(expectation.on, expectation.routes, status(), context.expectedRoutes);
      case "connections":
        return checkConnections(expectation.on, expectation.connections, status());
      case "known":
        return checkKnown(expectation.on, expectation.known, status());
      case "ping":
        return observation.what === "ping"
          ? checkPing(expectation.on, expectation.target, expectation, observation.result, observation.error)
          : checkPing(expectation.on, expectation.target, expectation, undefined);
      case "log":
        return checkLog(expectation.on, expectation.pattern, observation.what === "log" ? observation.log : undefined, expectation.lines);
      case "exited":
        return checkExited(expectation.on, observation.what === "exited" ? observation.state : undefined);
      case "services":
        return checkServices(expectation.on, expectation.services, status());
      case "secure-work":
        return checkSecureWork(expectation.on, expectation.secureWork, status());
      case "units":
        return checkUnitCount(expectation.on, expectation.count, observation.what === "units" ? observation.units : undefined);
      case "traceroute":
        return observation.what === "traceroute"
          ? checkTraceroute(expectation.on, expectation.target, expectation.path, observation.hops, observation.error, expectation.fails)
          : checkTraceroute(expectation.on, expectation.target, expectation.path, undefined, undefined, expectation.fails);
      case "unit":
        if (observation.what !== "unit") throw new Error("a unit expectation needs a unit observation");
        return checkUnit(expectation.unit, expectation, observation.unit);
      case "any": {
        if (observation.what !== "any") throw new Error("an 'any' expectation needs one observation per alternative");
        const judgements = expectation.of.map((alternative, index) => scenarioJudge.check(alternative, observation.observations[index]!, context));
        const held = judgements.findIndex((judgement) => judgement.ok);
        return {
          ok: held >= 0,
          ...(held >= 0 ? { heldAlternative: held } : {}),
          expected: `any of: ${judgements.map((judgement) => judgement.expected).join(" | ")}`,
          observed: judgements.map((judgement) => `${judgement.ok ? "✓" : "✗"} ${judgement.observed}`).join(" | "),
        };
      }
    }
  },
  checkResults,
};
