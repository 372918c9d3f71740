import { z } from "zod";
import { UsageError } from "../errors.js";
import type { Progress } from "../progress.js";
import type { LabRuntime } from "../runtime/lab-runtime.js";
import type { MeshClientFactory } from "../scenario/lab-session.js";
import { defaultCacheDir } from "../paths.js";
import type { ReceptorChoice } from "../runtime/node-versions.js";
import { isReceptorSpec } from "../receptor-spec.js";
import { parseDuration } from "../duration.js";

/** A duration as a user writes it: milliseconds, or "500ms", "15s", "2m". */
export type Duration = number | string;

/** `name` as a duration in ms, or a UsageError naming the option and the fix (execa's style). */
export function durationOption(name: string, value: Duration): number {
  const ms = typeof value === "number" ? value : parseDuration(value);
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
    throw new UsageError(`Expected \`${name}\` to be a duration like 15s, got ${JSON.stringify(value)}`, "Write milliseconds as a number (15000) or a string with a unit: 500ms, 15s, 2m.");
  }
  return ms;
}

const duration = z.union([z.number(), z.string()]);

const labOptionsSchema = z
  .object({
    receptor: z.string().refine(isReceptorSpec, "a Receptor version like 1.6.5, a commit, a pseudo-version, or the path of a Receptor source tree").optional(),
    image: z.string().min(1).optional(),
    receptorctl: z.string().regex(/^v?\d+\.\d+\.\d+$/, "a receptorctl version like 1.6.5").optional(),
    quick: z.boolean().optional(),
    env: z.record(z.string(), z.string()).optional(),
    within: duration.optional(),
    runtime: z.custom<LabRuntime>((value) => typeof (value as LabRuntime | undefined)?.createLab === "function", "a LabRuntime").optional(),
    cacheDir: z.string().min(1).optional(),
    progress: z.custom<Progress>((value) => typeof (value as Progress | undefined)?.step === "function", "a Progress").optional(),
    runId: z.string().regex(/^[a-z0-9-]+$/, "lowercase letters, digits and '-'").optional(),
    meshClients: z.custom<MeshClientFactory>((value) => typeof value === "function", "a function (lab, nodeId) => MeshClient").optional(),
  })
  .strict()
  .refine((options) => !(options.receptor && options.image), { message: "either `receptor` or `image`, not both", path: ["image"] });

export interface StartLabOptions {
  /**
   * Receptor of the node image (default: the pinned one, node/versions.json): a release, a commit
   * or pseudo-version the Go module proxy serves, or a source tree's path.
   */
  receptor?: string;
  /** receptorctl version in the node image (default: the release's own, or the pinned one otherwise). */
  receptorctl?: string;
  /** A ready image holding `receptor` and `receptorctl`, used instead of building one. */
  image?: string;
  /** Short work commands (echo-sleep prints a line every 1 s instead of 5 s). */
  quick?: boolean;
  /** Environment for every node. */
  env?: Record<string, string>;
  /** How long bring-up may take until every routing table matches the topology (default 60s). */
  within?: Duration;
  /** What runs the lab (default: Docker, started or installed where we can). */
  runtime?: LabRuntime;
  /** Where downloads and build outputs go (default: .cache/ in a checkout, ~/.cache/receptor-lab when installed). */
  cacheDir?: string;
  /** Where long steps report (default: silent). */
  progress?: Progress;
  runId?: string;
  /** How to talk to each node (default: its control service over TCP); for tests on a fake runtime. */
  meshClients?: MeshClientFactory;
}

export interface ResolvedLabOptions extends Omit<StartLabOptions, "within"> {
  withinMs: number;
}

/** Validates the options once, at the API's edge; errors name the option and what to write. */
export function resolveLabOptions(options: StartLabOptions = {}): ResolvedLabOptions {
  const parsed = labOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path.join(".") || "options";
    const got = issue.path.length ? (options as Record<string, unknown>)[String(issue.path[0])] : options;
    const unknown = issue.code === "unrecognized_keys" ? ` (unknown: ${issue.keys.join(", ")})` : "";
    throw new UsageError(`Expected \`${name}\` to be ${describe(issue.message)}, got ${JSON.stringify(got) ?? String(got)}${unknown}`, "See the options of startLab in README.md.");
  }
  const { within, ...rest } = parsed.data;
  return { ...rest, withinMs: within === undefined ? 60_000 : durationOption("within", within) };
}

function describe(message: string): string {
  const expected = /expected (\w+)/i.exec(message);
  return expected ? `a ${expected[1]}` : message;
}


/** Which Receptor the options choose, with the build cache they use. */
export function receptorChoiceOf(options: Pick<StartLabOptions, "receptor" | "receptorctl" | "image" | "cacheDir">): ReceptorChoice {
  return {
    ...(options.receptor ? { receptor: options.receptor } : {}),
    ...(options.receptorctl ? { receptorctl: options.receptorctl } : {}),
    ...(options.image ? { image: options.image } : {}),
    cacheDir: options.cacheDir ?? defaultCacheDir(process.env),
  };
}
