import { silentProgress, type Progress } from "../progress.js";
import type { LabRuntime } from "../runtime/lab-runtime.js";
import { selectLab } from "../runtime/lab-registry.js";
import { LabSession, type MeshClientFactory } from "../scenario/lab-session.js";
import { labHandle } from "./lab-handle.js";
import type { StartedLab } from "./started-lab.js";
import { dockerRuntime } from "./start-lab.js";

export interface OpenLabOptions {
  /** What runs the lab (default: Docker). */
  runtime?: LabRuntime;
  cacheDir?: string;
  progress?: Progress;
  meshClients?: MeshClientFactory;
}

/**
 * A lab that is already running — started by `receptor-lab up`, a kept scenario or another
 * process — to drive by hand: `runId`, or the only lab running. Faults applied through it are
 * recorded with the lab, so the next process (and the oracle) knows them; `destroy()` removes
 * the lab, dropping the handle leaves it running.
 */
export async function openLab(runId?: string, options: OpenLabOptions = {}): Promise<StartedLab> {
  const progress = options.progress ?? silentProgress;
  const runtime = options.runtime ?? (await dockerRuntime({ progress, ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) }));
  const id = selectLab(await runtime.listLabs(), runId).runId;
  const opened = await runtime.openLab(id);
  const session = LabSession.attach(opened.lab, opened.topology, options.meshClients ? { meshClients: options.meshClients } : {});
  return labHandle(session, opened.receptorVersion, { earlier: await runtime.recordedFaults(id), record: (plan) => runtime.recordFault(id, plan) });
}
