import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { InputError, type InputProblem } from "../errors.js";
import { YamlDocument } from "../topology/yaml-document.js";
import { zodProblems } from "../topology/zod-problems.js";

/** The invariants a chaos run judges (see chaos-invariants.ts for what each means). */
export const invariantNames = ["routes-after-heal", "no-route-to-down-node", "units-final", "no-crash", "no-unexpected-exit", "no-new-error-kinds"] as const;
export type InvariantName = (typeof invariantNames)[number];

/** A reported Receptor bug a chaos run may show instead of a violation of `invariant`. */
export interface KnownBug {
  issue: number;
  invariant: InvariantName;
  status: string;
  observable: string;
  /** The atlas signature's buggy observable as written, its `unit` to be replaced by the unit at hand. */
  buggy: Record<string, unknown>;
}

const listSchema = z.array(z.object({ issue: z.number().int().positive(), invariant: z.enum(invariantNames) }).strict());

const hint = "Each entry is '- issue: <n>' and 'invariant: units-final', the issue one of scenarios/bugs/<n>.yaml.";

/** The known-bug list, each entry's observable taken from its bug atlas scenario (a unit observable). */
export async function loadKnownBugs(file: string, bugsFolder: string): Promise<KnownBug[]> {
  const document = YamlDocument.parse(file, await readFile(file, "utf8"));
  const parsed = listSchema.safeParse(document.toJS() ?? []);
  if (!parsed.success) throw new InputError(zodProblems(document, parsed.error), hint);
  const problems: InputProblem[] = [];
  const known: KnownBug[] = [];
  for (const [index, entry] of parsed.data.entries()) {
    const atlasFile = join(bugsFolder, `${entry.issue}.yaml`);
    if (!existsSync(atlasFile)) {
      problems.push(document.problem([index, "issue"], `no bug scenario for #${entry.issue} (${atlasFile}): the atlas scenario's signature is the observable`));
      continue;
    }
    const atlas = (YamlDocument.parse(atlasFile, await readFile(atlasFile, "utf8")).toJS() ?? {}) as AtlasScenario;
    const buggy = atlas.steps?.find((step) => step.signature)?.signature?.buggy;
    if (!buggy || typeof buggy.unit !== "string") {
      problems.push(document.problem([index, "issue"], `#${entry.issue}'s signature is not about one work unit, so a chaos run cannot bind it to a unit`));
      continue;
    }
    known.push({ issue: entry.issue, invariant: entry.invariant, status: atlas.bug?.status ?? "", observable: atlas.bug?.observable ?? "", buggy });
  }
  if (problems.length > 0) throw new InputError(problems, hint);
  return known;
}

/** ERROR kinds a fault causes by design (scenarios/chaos/fault-error-kinds.yaml): kind → why. */
export async function loadFaultErrorKinds(file: string): Promise<Map<string, string>> {
  const document = YamlDocument.parse(file, await readFile(file, "utf8"));
  const parsed = faultKindsSchema.safeParse(document.toJS() ?? []);
  if (!parsed.success) throw new InputError(zodProblems(document, parsed.error), "Each entry is '- kind: <the ERROR message as the log census normalises it>' and 'why: <what the fault does>'.");
  return new Map(parsed.data.map((entry) => [entry.kind, entry.why]));
}

const faultKindsSchema = z.array(z.object({ kind: z.string().min(1), why: z.string().min(1) }).strict());

interface AtlasScenario {
  bug?: { status?: string; observable?: string };
  steps?: Array<{ signature?: { buggy?: Record<string, unknown> } }>;
}
