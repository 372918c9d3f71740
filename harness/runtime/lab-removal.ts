import type Docker from "dockerode";
import { eachLimited, engineCallsAtOnce } from "../concurrency.js";
import { labels } from "./labels.js";

/**
 * Removes every container and network labelled with `runId` (or with any run id when omitted).
 * A swarm worker shows an overlay network its containers joined but may not remove it: `networks: false` there.
 */
export async function removeRun(docker: Docker, runId?: string, options: { networks?: boolean } = {}): Promise<string[]> {
  const filter = { label: [runId ? `${labels.run}=${runId}` : labels.run] };
  const problems: string[] = [];
  const containers = await docker.listContainers({ all: true, filters: filter });
  // Killed first, all of them: a big mesh's receptors keep both cores busy while the engine
  // removes them one by one, and every removal waits for CPU they no longer get.
  const running = containers.filter((info) => info.State === "running");
  await eachLimited(running, engineCallsAtOnce, (info) =>
    docker
      .getContainer(info.Id)
      .kill()
      .catch(() => undefined),
  );
  await eachLimited(containers, engineCallsAtOnce, (info) =>
    docker
      .getContainer(info.Id)
      .remove({ force: true, v: true })
      .catch((error: { statusCode?: number; message: string }) => {
        if (error.statusCode !== 404) problems.push(`container ${info.Names[0]}: ${error.message}`);
      }),
  );
  const networks = options.networks === false ? [] : await docker.listNetworks({ filters: filter });
  await Promise.all(
    networks.map(async (info) => {
      const problem = await removeNetwork(docker, info.Id);
      if (problem) problems.push(`network ${info.Name}: ${problem}`);
    }),
  );
  return problems;
}

/**
 * Removes a network once its containers are gone. The engine can still be releasing their
 * endpoints for a moment ("has active endpoints"), so that is asked again a few times; Docker
 * 20.10 sometimes keeps a stale endpoint for good, which only an engine restart clears.
 */
async function removeNetwork(docker: Docker, id: string): Promise<string | undefined> {
  for (let attempt = 1; ; attempt++) {
    const error = await docker
      .getNetwork(id)
      .remove()
      .then(
        () => undefined,
        (failure: { statusCode?: number; message: string }) => failure,
      );
    // an overlay network can be gone from the swarm while this engine still lists it: "not found" (500)
    if (!error || error.statusCode === 404 || /network .* not found/.test(error.message)) return undefined;
    if (!/active endpoints/.test(error.message) || attempt === 5) {
      return /active endpoints/.test(error.message) ? `${error.message} (a stale endpoint in the engine: restart the Docker engine to clear it)` : error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
  }
}
