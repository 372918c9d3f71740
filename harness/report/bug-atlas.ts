import type { BugOutcome } from "../scenario/run-result.js";
import type { RunDocument } from "./run-document.js";

export interface AtlasBug {
  issue: number;
  scenario: string;
  title: string;
  status: string;
  observable: string;
}

/** One bug on one Receptor build: what its runs found and what that rests on. */
export interface AtlasCell {
  issue: number;
  build: string;
  outcome: BugOutcome;
  restsOn: string;
  /** Nodes that ran another Receptor than the build (a mixed-version reproduction). */
  nodeVersions?: Record<string, string>;
  /** The runs' report.html files, relative to the suite directory. */
  reports: string[];
}

/** Receptor's reported bugs × the builds a suite ran: reproduced, not reproduced or inconclusive. */
export interface BugAtlas {
  builds: string[];
  bugs: AtlasBug[];
  cells: AtlasCell[];
}

/**
 * The atlas of a suite's bug runs (undefined when it ran none). Runs of one cell that disagree
 * make it inconclusive: a bug that shows only sometimes is not a verdict for that build.
 */
export function bugAtlas(documents: RunDocument[], builds: string[], reportOf: (document: RunDocument) => string): BugAtlas | undefined {
  const bugRuns = documents.filter((document) => document.bug !== undefined);
  if (bugRuns.length === 0) return undefined;
  const bugs = new Map<number, AtlasBug>();
  for (const { bug, scenario, title } of bugRuns) if (!bugs.has(bug!.issue)) bugs.set(bug!.issue, { issue: bug!.issue, scenario, title, status: bug!.status, observable: bug!.observable });
  const cells = [...bugs.keys()].flatMap((issue) =>
    builds.flatMap((build) => {
      const runs = bugRuns.filter((document) => document.bug!.issue === issue && document.receptorVersion === build);
      return runs.length === 0 ? [] : [cellOf(issue, build, runs, reportOf)];
    }),
  );
  return { builds, bugs: [...bugs.values()].sort((a, b) => a.issue - b.issue), cells };
}

function cellOf(issue: number, build: string, runs: RunDocument[], reportOf: (document: RunDocument) => string): AtlasCell {
  const outcomes = new Set(runs.map((run) => run.bug!.outcome));
  const nodeVersions = mixedVersions(runs[0]!);
  const agreed = outcomes.size === 1 ? runs[0]!.bug!.outcome : undefined;
  const tally = [...outcomes].map((outcome) => `${runs.filter((run) => run.bug!.outcome === outcome).length} ${outcome}`).join(", ");
  return {
    issue,
    build,
    outcome: agreed ?? "inconclusive",
    restsOn: agreed ? runs[0]!.bug!.restsOn : `its ${runs.length} runs disagree (${tally})`,
    ...(nodeVersions ? { nodeVersions } : {}),
    reports: runs.map(reportOf),
  };
}

function mixedVersions(run: RunDocument): Record<string, string> | undefined {
  const others = Object.entries(run.nodeVersions ?? {}).filter(([, version]) => version !== run.receptorVersion);
  return others.length > 0 ? Object.fromEntries(others) : undefined;
}

/** How an outcome reads in tables and on the console. */
export const bugOutcomeWords: Record<BugOutcome, string> = { reproduced: "reproduced", "not-reproduced": "not reproduced", inconclusive: "inconclusive" };

/** The atlas as a Markdown table (for atlas.md and a README section), with what each cell rests on below it. */
export function atlasMarkdown(atlas: BugAtlas, suiteId: string): string {
  const header = `| bug | tracker says | ${atlas.builds.map((build) => `Receptor ${build}`).join(" | ")} |`;
  const rule = `|---|---|${atlas.builds.map(() => "---|").join("")}`;
  const rows = atlas.bugs.map((bug) => {
    const cells = atlas.builds.map((build) => {
      const cell = atlas.cells.find((candidate) => candidate.issue === bug.issue && candidate.build === build);
      return cell ? `${bugOutcomeWords[cell.outcome]}${cell.nodeVersions ? ` (${versionsNote(cell.nodeVersions)})` : ""}` : "—";
    });
    return `| [#${bug.issue}](https://github.com/ansible/receptor/issues/${bug.issue}) ${bug.title} | ${bug.status} | ${cells.join(" | ")} |`;
  });
  const evidence = atlas.cells.map((cell) => `- #${cell.issue} on ${cell.build}: ${bugOutcomeWords[cell.outcome]} — ${oneLine(cell.restsOn)}`);
  return [`Bug atlas of suite ${suiteId} (written by \`receptor-lab scenario --bugs\`).`, "", header, rule, ...rows, "", "What each cell rests on:", "", ...evidence, ""].join("\n");
}

export function versionsNote(nodeVersions: Record<string, string>): string {
  return Object.entries(nodeVersions)
    .map(([node, version]) => `${node} on ${version}`)
    .join(", ");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
