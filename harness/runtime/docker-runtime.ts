import type Docker from "dockerode";
import { execa } from "execa";
import { join } from "node:path";
import { EnvironmentError, UsageError } from "../errors.js";
import type { FaultPlan } from "../faults/fault-plan.js";
import type { Topology } from "../topology/model.js";
import { FaultLog } from "./fault-log.js";
import { labSpecFor } from "./lab-spec.js";
import type { Progress } from "../progress.js";
import { readContainerLogs } from "./container-logs.js";
import { connectDocker } from "./docker-engine.js";
import { controlEndpointFor, type ControlEndpoint } from "./engine-host.js";
import { DockerLab } from "./docker-lab.js";
import { copyImage, enginesOf, labEnginesFor, removeRunEverywhere, type LabEngine } from "./lab-engines.js";
import { dockerAt, type EngineTarget } from "./engines/engine-endpoints.js";
import { removeRun } from "./lab-removal.js";
import type { ImageBuildOptions } from "./image-options.js";
import { listLabs } from "./lab-registry.js";
import type { Material, MaterialPlan } from "../topology/lab-material.js";
import { demultiplex } from "./docker-streams.js";
import { labels } from "./labels.js";
import type { ExecResult, Lab, LabRuntime, NodeImage, OpenedLab, RunningLab } from "./lab-runtime.js";
import { makeMaterial } from "./material-maker.js";
import type { LabSpec } from "./lab-spec.js";
import { ensureNodeImage } from "./node-image.js";
import { ensureReadyImage } from "./ready-image.js";
import { writeLogFiles } from "./node-logs.js";
import type { NodeVersions } from "./node-versions.js";

/**
 * Labs as Docker containers on a labelled bridge network, on one engine (DOCKER_HOST or the
 * local socket); control ports are published where `control` says (see controlEndpointFor).
 */
export class DockerRuntime implements LabRuntime {
  private readonly faultLog: FaultLog;
  /** Set by spreadOver: labs place their nodes over these engines (the host's first). */
  private engines: LabEngine[] = [];

  constructor(
    readonly docker: Docker,
    private readonly imageOptions: ImageBuildOptions,
    private readonly control: ControlEndpoint = controlEndpointFor({}),
  ) {
    this.faultLog = new FaultLog(join(imageOptions.cacheDir, "labs"));
  }

  /** Connects to the engine, starting (or installing) one where we can; see connectDocker. */
  static async connect(progress: Progress, imageOptions: ImageBuildOptions, control: ControlEndpoint): Promise<DockerRuntime> {
    return new DockerRuntime(await connectDocker(progress), imageOptions, control);
  }

  /**
   * Labs from now on place their nodes over these engines (the host's first; see placeNodes), on a
   * swarm overlay network; node images are copied to each once. Check them first (checkEngines).
   */
  spreadOver(targets: EngineTarget[]): this {
    this.engines = labEnginesFor(targets, this.docker, this.control);
    return this;
  }

  /** Builds the node image for `versions`, or finds and checks the ready image `versions.image` (see ensureReadyImage). */
  async nodeImage(versions: NodeVersions, progress: Progress, options: { rebuild?: boolean } = {}): Promise<NodeImage> {
    const imageOptions = { ...this.imageOptions, ...options };
    const image = versions.image
      ? await ensureReadyImage(this.docker, versions.image, progress, imageOptions, (tag, script) => this.runScript(tag, script, "image-probe"))
      : await ensureNodeImage(this.docker, versions, progress, imageOptions);
    for (const engine of this.engines.slice(1)) await copyImage(this.docker, engine, image.tag, progress);
    return image;
  }

  labMaterial(plan: MaterialPlan, image: NodeImage, progress: Progress): Promise<Material> {
    return makeMaterial(plan, (script) => this.runScript(image.tag, script), image.receptorVersion, this.imageOptions.cacheDir, progress);
  }

  /**
   * `sh -c script` in a throwaway container of `image` (no network, removed afterwards), labelled
   * with what it is for. sh is the entrypoint: a ready image's own would get in the way.
   */
  async runScript(image: string, script: string, tool = "material"): Promise<ExecResult> {
    const container = await this.docker.createContainer({
      Image: image,
      Entrypoint: ["sh", "-c", script],
      Cmd: [],
      HostConfig: { NetworkMode: "none" },
      Labels: { [labels.tool]: tool },
    });
    try {
      await container.start();
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      const raw = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
      const { stdout, stderr } = demultiplex(raw);
      return { exitCode: StatusCode, stdout: stdout.toString("utf8"), stderr: stderr.toString("utf8") };
    } finally {
      await container.remove({ force: true }).catch(() => {});
    }
  }

  createLab(spec: LabSpec): Promise<Lab> {
    return DockerLab.create(this.docker, spec, this.control, this.engines);
  }

  listLabs(): Promise<RunningLab[]> {
    return listLabs(this.docker, this.control.reach);
  }

  /** A lab spread over several engines is removed from each (the others first); then whatever is left here. */
  async removeLabs(runId?: string): Promise<string[]> {
    const spread = await this.docker.listNetworks({ filters: { label: [runId ? `${labels.run}=${runId}` : labels.run, labels.engines] } });
    const elsewhere = await Promise.all(spread.map((network) => removeRunEverywhere(this.docker, this.labEnginesOf(network.Labels), network.Labels?.[labels.run] ?? "")));
    const problems = [...elsewhere.flat(), ...(await removeRun(this.docker, runId))];
    await this.faultLog.remove(runId);
    return problems;
  }

  async openLab(runId: string): Promise<OpenedLab> {
    const networks = await this.docker.listNetworks({ filters: { label: [`${labels.run}=${runId}`] } });
    const model = networks[0]?.Labels?.[labels.topologyModel];
    if (!networks[0]) throw new UsageError(`no lab with run id '${runId}'`, "'receptor-lab status' lists the running labs.");
    if (!model) throw new UsageError(`lab ${runId} was started by an older receptor-lab, which did not keep its topology with it`, "Start it again with 'receptor-lab up'.");
    const topology = JSON.parse(model) as Topology;
    const engines = this.labEnginesOf(networks[0].Labels);
    const clients = engines.length > 0 ? engines.map((engine) => engine.docker) : [this.docker];
    const containers = (await Promise.all(clients.map((docker) => docker.listContainers({ all: true, filters: { label: [`${labels.run}=${runId}`] } })))).flat();
    const image = containers[0]?.Image ?? "";
    const receptorVersion = containers[0]?.Labels[labels.receptorVersion] ?? "?";
    // each container as it runs: a mixed-version lab's nodes (or an upgraded one) differ
    const nodeImages = new Map(containers.map((info) => [info.Labels[labels.node] ?? "?", { tag: info.Image, receptorVersion: info.Labels[labels.receptorVersion] ?? "?" }]));
    const lab = await DockerLab.open(this.docker, labSpecFor(topology, { runId, image, receptorVersion, nodeImages }), this.control, engines);
    return { lab, topology, image, receptorVersion };
  }

  /** The engines a lab network's labels name, as clients (none: a one-engine lab). */
  private labEnginesOf(networkLabels: Record<string, string> | undefined): LabEngine[] {
    return labEnginesFor(enginesOf(networkLabels), this.docker, this.control);
  }

  recordFault(runId: string, plan: FaultPlan): Promise<void> {
    return this.faultLog.append(runId, plan);
  }

  async recordedFaults(runId: string): Promise<FaultPlan[]> {
    return (await this.faultLog.read(runId)).map((entry) => entry.plan);
  }

  saveLogs(lab: RunningLab, dir: string): Promise<void> {
    return writeLogFiles(dir, lab.nodes.map((node) => ({ name: node.container, read: () => readContainerLogs(node.engine ? dockerAt(node.engine.endpoint) : this.docker, node.containerName) })));
  }

  /** `docker exec` with the terminal attached (the Docker CLI handles the TTY). */
  attach(node: RunningLab["nodes"][number], command: string[]): Promise<number> {
    const interactive = process.stdin.isTTY && process.stdout.isTTY;
    return this.dockerCli([...onEngine(node), "exec", ...(interactive ? ["-it"] : ["-i"]), node.containerName, ...command]);
  }

  /** `docker logs --follow`: the node's log (its last `tail` lines), then each new line until interrupted. */
  followLogs(node: RunningLab["nodes"][number], options: { tail?: number } = {}): Promise<number> {
    return this.dockerCli([...onEngine(node), "logs", "--follow", ...(options.tail !== undefined ? ["--tail", String(options.tail)] : []), node.containerName]);
  }

  /** The Docker CLI on this process's terminal; resolves with its exit code. */
  private async dockerCli(args: string[]): Promise<number> {
    const result = await execa("docker", args, { stdio: "inherit", reject: false });
    if (result.failed && result.exitCode === undefined && !result.isTerminated) {
      throw new EnvironmentError(`could not run 'docker ${args.join(" ")}': ${result.message}`, "Install the Docker CLI (Debian: apt-get install docker.io).", { cause: result });
    }
    // the reader of a pipe left (… | head), which is not an error: as main.ts treats our own stdout
    if (result.signal === "SIGPIPE") return 0;
    return result.exitCode ?? 1;
  }
}

/** The Docker CLI's `--host` for a node on another engine than the harness's own. */
function onEngine(node: RunningLab["nodes"][number]): string[] {
  return node.engine ? ["--host", node.engine.endpoint] : [];
}
