import type Docker from "dockerode";
import type { Progress } from "../progress.js";
import type { ControlEndpoint } from "./engine-host.js";
import { removeRun } from "./lab-removal.js";

/** An engine a lab's nodes run on: its client and where its published ports are reached. */
export interface LabEngine {
  name: string;
  docker: Docker;
  control: ControlEndpoint;
}

/** Round-robin placement: the node at `position` of the lab runs on engines[position mod n]. */
export function engineAt(engines: readonly LabEngine[], position: number): LabEngine {
  return engines[position % engines.length]!;
}

/** Each other engine's containers of `runId` first, then the manager's containers and network (an overlay goes once all have left it). */
export async function removeRunEverywhere(manager: Docker, engines: readonly LabEngine[], runId: string): Promise<string[]> {
  const others = engines.filter((engine) => engine.docker !== manager);
  const problems = await Promise.all(others.map(async (engine) => (await removeRun(engine.docker, runId)).map((problem) => `${engine.name}: ${problem}`)));
  return [...problems.flat(), ...(await removeRun(manager, runId))];
}

/** `docker save | docker load` of `tag` into `engine`, unless it has it already. */
export async function copyImage(from: Docker, engine: LabEngine, tag: string, progress: Progress): Promise<void> {
  const present = await engine.docker
    .getImage(tag)
    .inspect()
    .then(
      () => true,
      () => false,
    );
  if (present) return;
  progress.step(`Copying image ${tag} to ${engine.name} …`);
  const loading = (await engine.docker.loadImage(await from.getImage(tag).get())) as NodeJS.ReadableStream;
  await new Promise<void>((resolve, reject) => {
    loading.on("end", resolve);
    loading.on("error", reject);
    loading.resume();
  });
}
