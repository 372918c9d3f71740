import type { Clock } from "../../clock.js";
import type { NodeImage } from "../../runtime/lab-runtime.js";
import type { ExpectedRoutes } from "../../topology/routing-oracle.js";
import type { FaultController } from "../fault-controller.js";
import type { Judge } from "../judge.js";
import type { LabSession } from "../lab-session.js";
import type { MeshObserver } from "../mesh-observer.js";
import type { ScenarioRun, StepDetail } from "../run-result.js";
import type { Scenario, Step } from "../scenario-model.js";
import type { Timeline } from "../timeline.js";

/** What every step handler may use: the lab, what observes it, the faults and the run record. */
export interface StepContext {
  scenario: Scenario;
  session: LabSession;
  timeline: Timeline;
  clock: Clock;
  judge: Judge;
  observer: MeshObserver;
  faults: FaultController;
  run: ScenarioRun;
  /** When each unit alias was submitted (for its work-convergence time). */
  submittedAt: Map<string, number>;
  /** The image made for each Receptor an upgrade or downgrade step names (by the name as written). */
  upgradeImages: ReadonlyMap<string, NodeImage>;
  /** When each `mark` step ran (wall clock: the runtime's logs are stamped with it). */
  marks: Map<string, Date>;
  /** The oracle's routing tables for the faults in effect now. */
  expectedRoutes(): ExpectedRoutes;
}

export type StepHandler<K extends Step["kind"]> = (step: Extract<Step, { kind: K }>, context: StepContext) => Promise<StepDetail>;

/** One handler per step kind: the engine looks a step up here and runs it. */
export type StepHandlers = { [K in Step["kind"]]: StepHandler<K> };
