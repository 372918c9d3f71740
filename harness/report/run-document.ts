import type { NodeStatus } from "../mesh/control-types.js";
import type { BugFinding, ScenarioRun, StepResult } from "../scenario/run-result.js";
import type { TimelineEvent } from "../scenario/timeline.js";
import type { LogCensus } from "./log-census.js";

/** report.json (contract: design.md §5, plus what the HTML report draws). */
export interface RunDocument {
  runId: string;
  scenario: string;
  title: string;
  reproduces: string;
  topology: string;
  /** The lab's Receptor; in a mixed-version lab, the one of the nodes that name none of their own. */
  receptorVersion: string;
  /** Each node's Receptor, when the lab mixes versions. */
  nodeVersions?: Record<string, string>;
  quick: boolean;
  verdict: ScenarioRun["verdict"];
  startedAt: string;
  durationMs: number;
  error?: string;
  steps: Array<StepResult>;
  events: TimelineEvent[];
  metrics: ScenarioRun["metrics"];
  graph: {
    nodes: Array<{ id: string; container: string; hostname: string }>;
    /** `backend` tcp, udp or ws; `tls` mutual TLS; `rejected` why Receptor refuses the link. */
    links: Array<{ dialer: string; listener: string; cost: number; backend?: string; tls?: boolean; rejected?: string }>;
  };
  /** Each node's last status, read just before teardown (null: it did not answer). */
  finalStatus: Record<string, NodeStatus | null>;
  /** Each node's log lines by level and by kind of message, read just before teardown. */
  logCensus?: LogCensus;
  /** A bug scenario: the bug as reported, and what this run found. */
  bug?: BugFinding & { status: string; observable: string };
}

export function runDocument(run: ScenarioRun, finalStatus: Record<string, NodeStatus | null>): RunDocument {
  const topology = run.scenario.topology;
  return {
    runId: run.runId,
    scenario: run.scenario.name,
    title: run.scenario.title,
    reproduces: run.scenario.reproduces,
    topology: topology.name,
    receptorVersion: run.receptorVersion,
    ...(run.nodeVersions ? { nodeVersions: run.nodeVersions } : {}),
    quick: run.quick,
    verdict: run.verdict,
    startedAt: run.startedAt.toISOString(),
    durationMs: run.durationMs,
    ...(run.error ? { error: run.error } : {}),
    ...(run.bug && run.scenario.bug ? { bug: { ...run.bug, status: run.scenario.bug.status, observable: run.scenario.bug.observable } } : {}),
    steps: run.steps,
    events: run.events,
    metrics: run.metrics,
    graph: {
      nodes: topology.nodes.map((node) => ({ id: node.id, container: node.container, hostname: node.hostname })),
      links: topology.links.map((link) => ({
        dialer: link.dialer,
        listener: link.listener,
        cost: link.cost,
        backend: link.backend ?? "tcp",
        tls: link.tls ?? false,
        ...(link.rejected ? { rejected: link.rejected } : {}),
      })),
    },
    finalStatus,
  };
}
