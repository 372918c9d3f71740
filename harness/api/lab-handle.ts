import { systemClock } from "../clock.js";
import type { FaultPlan } from "../faults/fault-plan.js";
import { FaultController } from "../scenario/fault-controller.js";
import type { LabSession } from "../scenario/lab-session.js";
import { MeshObserver } from "../scenario/mesh-observer.js";
import { Timeline } from "../scenario/timeline.js";
import { StartedLab } from "./started-lab.js";

/**
 * The API's handle on a session: a timeline, an observer whose baseline is the routes now, and
 * a fault controller that takes over `earlier` faults and hands each new one to `record`.
 */
export async function labHandle(
  session: LabSession,
  receptorVersion: string,
  faultHistory: { earlier?: FaultPlan[]; record?: (plan: FaultPlan) => Promise<void> } = {},
): Promise<StartedLab> {
  const timeline = new Timeline(systemClock);
  const observer = new MeshObserver(session, timeline);
  observer.baseline(await session.observeRoutes(session.lab.nodeIds()));
  const faults = new FaultController(session.lab, session.topology, timeline, systemClock, {
    forget: (node) => observer.forget(node),
    ...(faultHistory.record ? { record: faultHistory.record } : {}),
  });
  faults.replay(faultHistory.earlier ?? []);
  return new StartedLab(session, faults, observer, systemClock, receptorVersion);
}
