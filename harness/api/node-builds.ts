import { InputError, UsageError } from "../errors.js";
import type { Progress } from "../progress.js";
import type { LabRuntime, NodeImage } from "../runtime/lab-runtime.js";
import { versionsFor, type NodeVersions } from "../runtime/node-versions.js";
import type { Scenario } from "../scenario/scenario-model.js";
import type { NodeBuild, NodeId, Topology } from "../topology/model.js";

/** The distinct Receptors a topology's nodes name for themselves, resolved; each with the nodes that run it. */
export type NodeBuilds = Map<string, { versions: NodeVersions; nodes: NodeId[] }>;

export interface NodeBuildContext {
  cacheDir: string;
  /** receptorctl for every build (default: the release's own, or the pinned one). */
  receptorctl?: string;
  goEnv?: NodeJS.ProcessEnv;
}

const keyOf = (build: Omit<NodeBuild, "at">): string => (build.image ? `image ${build.image}` : `receptor ${build.receptor}`);

/**
 * Resolves every node's own `receptor:` or `image:` before anything starts: a version the Go
 * module proxy refuses, or a folder that is no Receptor tree, is an error at that line of the
 * topology (exit 2).
 */
export async function resolveNodeBuilds(topology: Topology, context: NodeBuildContext): Promise<NodeBuilds> {
  const builds: NodeBuilds = new Map();
  for (const node of topology.nodes) {
    if (!node.build) continue;
    const key = keyOf(node.build);
    const known = builds.get(key);
    if (known) known.nodes.push(node.id);
    else builds.set(key, { versions: await resolveBuild(node.build, `node ${node.id}`, context), nodes: [node.id] });
  }
  return builds;
}

/** One image per distinct build (built, or found once), and which node runs which. */
export async function nodeImagesOf(builds: NodeBuilds, runtime: LabRuntime, progress: Progress): Promise<Map<NodeId, NodeImage>> {
  const images = new Map<NodeId, NodeImage>();
  for (const { versions, nodes } of builds.values()) {
    const image = await runtime.nodeImage(versions, progress);
    for (const node of nodes) images.set(node, image);
  }
  return images;
}

/** Every Receptor the scenario's upgrade and downgrade steps name, resolved before anything starts (errors at the step's `to:`). */
export async function resolveUpgradeBuilds(scenario: Scenario, context: NodeBuildContext): Promise<Map<string, NodeVersions>> {
  const builds = new Map<string, NodeVersions>();
  for (const step of scenario.steps) {
    if (step.kind !== "upgrade" || builds.has(step.to)) continue;
    builds.set(step.to, await resolveBuild({ receptor: step.to, at: step.at }, `${step.direction} step`, context));
  }
  return builds;
}

/** The image of each Receptor an upgrade step names, by the name as written. */
export async function upgradeImagesOf(builds: Map<string, NodeVersions>, runtime: LabRuntime, progress: Progress): Promise<Map<string, NodeImage>> {
  const images = new Map<string, NodeImage>();
  for (const [to, versions] of builds) images.set(to, await runtime.nodeImage(versions, progress));
  return images;
}

async function resolveBuild(build: NodeBuild, who: string, context: NodeBuildContext): Promise<NodeVersions> {
  const choice = {
    cacheDir: context.cacheDir,
    ...(context.receptorctl ? { receptorctl: context.receptorctl } : {}),
    ...(context.goEnv ? { goEnv: context.goEnv } : {}),
    ...(build.image ? { image: build.image } : { receptor: build.receptor! }),
  };
  return versionsFor(choice).catch((error: unknown) => {
    if (error instanceof UsageError) throw new InputError([{ location: build.at, message: `${who}: ${error.message}` }], error.hint);
    throw error;
  });
}
