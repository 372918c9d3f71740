import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { UsageError } from "../../errors.js";
import type { RunDocument } from "../run-document.js";
import { readErrorKinds, type LogKinds } from "./log-kinds.js";

/** One scenario run as compare reads it. */
export interface LoadedRun {
  dir: string;
  /** The suite entry's receptorVersion, else the run's own. */
  build: string;
  document: RunDocument;
  errorKinds: LogKinds;
}

/** A run or suite directory with every run in it. */
export interface LoadedSource {
  source: string;
  runs: LoadedRun[];
  /** In the suite's `builds` order, then first seen. */
  builds: string[];
  notes: string[];
}

/** One side of a comparison: the runs of one build. */
export interface Side extends LoadedSource {
  label: string;
}

const hint =
  "Pass a run directory (reports/<run-id>/, holding report.json) or a suite directory (reports/<stamp>-suite/, holding summary.json); name one build of a version-matrix suite as DIR@BUILD.";

const suiteSchema = z.object({
  builds: z.array(z.string()).optional(),
  runs: z.array(z.object({ report: z.string(), receptorVersion: z.string().optional() })),
});

const documentSchema = z.object({
  scenario: z.string(),
  verdict: z.enum(["passed", "failed", "inconclusive"]),
  durationMs: z.number(),
  steps: z.array(z.object({ index: z.number(), kind: z.string(), target: z.string(), verdict: z.string() })),
  events: z.array(z.object({ t: z.number(), kind: z.string() })),
  metrics: z.object({ bringUpMs: z.number().nullable(), faults: z.array(z.object({ action: z.string(), target: z.string() })) }),
  graph: z.object({ nodes: z.array(z.object({ id: z.string() })) }),
});

/** `DIR` or `DIR@BUILD` (a path that exists as given is a plain directory). */
export async function loadSide(spec: string): Promise<Side> {
  const at = spec.lastIndexOf("@");
  const [dir, build] = existsSync(spec) || at <= 0 ? [spec, undefined] : [spec.slice(0, at), spec.slice(at + 1)];
  return pickBuild(await loadSource(dir), spec, dir, build);
}

/** The runs of one build; with no build named, the source must hold only one. */
export function pickBuild(loaded: LoadedSource, label: string, dir: string, build: string | undefined): Side {
  if (build === undefined) {
    if (loaded.builds.length > 1) {
      throw new UsageError(`${dir} holds runs of ${loaded.builds.length} Receptor builds (${loaded.builds.join(", ")})`, `Name the one to compare: ${loaded.builds.map((name) => `${dir}@${name}`).join(" or ")}.`);
    }
    return { ...loaded, label };
  }
  const runs = loaded.runs.filter((run) => run.build === build);
  if (runs.length === 0) throw new UsageError(`${dir} holds no runs of Receptor ${build}`, `It holds ${loaded.builds.join(", ") || "no runs"}: write ${dir}@<one of them>.`);
  return { ...loaded, label, runs, builds: [build] };
}

export async function loadSource(dir: string): Promise<LoadedSource> {
  const source = resolve(dir);
  if (!existsSync(source)) throw new UsageError(`no report directory '${dir}'`, hint);
  if (existsSync(join(source, "report.json"))) return withBuilds(source, [await loadRun(source)], [], []);
  if (!existsSync(join(source, "summary.json"))) throw new UsageError(`'${dir}' holds neither report.json (a run) nor summary.json (a suite)`, hint);
  const summary = suiteSchema.safeParse(await readJson(join(source, "summary.json")));
  if (!summary.success) throw new UsageError(`${join(dir, "summary.json")} is not a suite summary: ${summary.error.issues[0]?.message}`, hint);
  const runs: LoadedRun[] = [];
  const notes: string[] = [];
  for (const entry of summary.data.runs) {
    const runDir = dirname(resolve(source, entry.report));
    if (!existsSync(join(runDir, "report.json"))) {
      notes.push(`${dir}: ${entry.report} has no report.json beside it; left out`);
      continue;
    }
    runs.push(await loadRun(runDir, entry.receptorVersion));
  }
  return withBuilds(source, runs, summary.data.builds ?? [], notes);
}

function withBuilds(source: string, runs: LoadedRun[], order: string[], notes: string[]): LoadedSource {
  const present = new Set(runs.map((run) => run.build));
  const builds = [...new Set([...order.filter((build) => present.has(build)), ...runs.map((run) => run.build)])];
  return { source, runs, builds, notes };
}

async function loadRun(dir: string, build?: string): Promise<LoadedRun> {
  const file = join(dir, "report.json");
  const raw = await readJson(file);
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${file} is not a run report: ${issue?.path.join(".")} ${issue?.message}`, hint);
  }
  // checked for what compare reads; the rest is carried as written
  const document = raw as RunDocument;
  return { dir, build: build ?? document.receptorVersion, document, errorKinds: await readErrorKinds(dir, document) };
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, hint);
  }
}
