import type Docker from "dockerode";
import { execa } from "execa";
import { EnvironmentError } from "../errors.js";
import type { Progress } from "../progress.js";
import { readContainerLogs } from "./container-logs.js";
import { connectDocker } from "./docker-engine.js";
import { controlEndpointFor, type ControlEndpoint } from "./engine-host.js";
import { DockerLab, removeRun } from "./docker-lab.js";
import type { ImageBuildOptions } from "./image-options.js";
import { listLabs } from "./lab-registry.js";
import type { Material, MaterialPlan } from "../topology/lab-material.js";
import { demultiplex } from "./docker-streams.js";
import { labels } from "./labels.js";
import type { ExecResult, Lab, LabRuntime, NodeImage, RunningLab } from "./lab-runtime.js";
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
  constructor(
    readonly docker: Docker,
    private readonly imageOptions: ImageBuildOptions,
    private readonly control: ControlEndpoint = controlEndpointFor({}),
  ) {}

  /** Connects to the engine, starting (or installing) one where we can; see connectDocker. */
  static async connect(progress: Progress, imageOptions: ImageBuildOptions, control: ControlEndpoint): Promise<DockerRuntime> {
    return new DockerRuntime(await connectDocker(progress), imageOptions, control);
  }

  /** Builds the node image for `versions`, or finds and checks the ready image `versions.image` (see ensureReadyImage). */
  nodeImage(versions: NodeVersions, progress: Progress, options: { rebuild?: boolean } = {}): Promise<NodeImage> {
    const imageOptions = { ...this.imageOptions, ...options };
    if (versions.image) return ensureReadyImage(this.docker, versions.image, progress, imageOptions, (image, script) => this.runScript(image, script, "image-probe"));
    return ensureNodeImage(this.docker, versions, progress, imageOptions);
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
    return DockerLab.create(this.docker, spec, this.control);
  }

  listLabs(): Promise<RunningLab[]> {
    return listLabs(this.docker, this.control.reach);
  }

  removeLabs(runId?: string): Promise<string[]> {
    return removeRun(this.docker, runId);
  }

  saveLogs(lab: RunningLab, dir: string): Promise<void> {
    return writeLogFiles(dir, lab.nodes.map((node) => ({ name: node.container, read: () => readContainerLogs(this.docker, node.containerName) })));
  }

  /** `docker exec` with the terminal attached (the Docker CLI handles the TTY). */
  async attach(node: RunningLab["nodes"][number], command: string[]): Promise<number> {
    const interactive = process.stdin.isTTY && process.stdout.isTTY;
    const args = ["exec", ...(interactive ? ["-it"] : ["-i"]), node.containerName, ...command];
    const result = await execa("docker", args, { stdio: "inherit", reject: false });
    if (result.failed && result.exitCode === undefined) {
      throw new EnvironmentError(`could not run 'docker ${args.join(" ")}': ${result.message}`, "Install the Docker CLI (Debian: apt-get install docker.io).", { cause: result });
    }
    return result.exitCode ?? 1;
  }
}
