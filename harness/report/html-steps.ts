import { colours, escape, truncate } from "./html-common.js";
import type { RunDocument } from "./run-document.js";

type StepResult = RunDocument["steps"][number];
type TimelineEvent = RunDocument["events"][number];

/** Expected texts longer than this are cut in the table; the full text is in the cell's title. */
const expectationChars = 90;

const faultDone: Record<string, string> = {
  stop: "stopped",
  start: "started",
  restart: "restarted",
  kill: "killed",
  pause: "paused (frozen)",
  unpause: "unpaused",
};

/**
 * What a step expected, in a line: the judge's own text when the step carries one, else a short
 * description from its keyword and target (a `say` step shows what it said).
 */
export function stepExpectation(step: StepResult, events: TimelineEvent[] = []): string {
  if (typeof step.detail.expected === "string" && step.detail.expected) return step.detail.expected;
  const target = step.target;
  if (step.kind in faultDone) return `${target} ${faultDone[step.kind]}`;
  switch (step.kind) {
    case "say": {
      const said = events.find((event) => event.kind === "say" && event.t >= step.startedAt && event.t <= step.startedAt + step.durationMs);
      return said ? `“${String(said.data.text ?? "")}”` : "narration";
    }
    case "sleep":
      return "time passes";
    case "partition":
      return `network: ${target}`;
    case "loss":
      return `packet loss between ${target}`;
    case "delay":
      return `added latency between ${target}`;
    case "heal":
      return "every partition, loss and delay removed";
    case "submit":
      return `${target}: the node answers the submit`;
    case "wait":
      return `${target} reaches the state waited for`;
    case "cancel":
    case "release":
    case "force-release":
      return `${target}: ${step.kind} answered`;
    default:
      return `${step.kind} ${target}`.trim();
  }
}

export function stepsTable(document: RunDocument): string {
  const says = document.events.filter((event) => event.kind === "say");
  const rows = document.steps.map((step) => {
    const expectation = stepExpectation(step, says);
    const short = truncate(expectation, expectationChars);
    const expected = short === expectation ? escape(expectation) : `<span title="${escape(expectation)}">${escape(short)}</span>`;
    const detail = [step.detail.message, step.detail.observed && step.verdict !== "passed" ? `observed: ${step.detail.observed}` : ""]
      .filter(Boolean)
      .map((line) => escape(String(line)))
      .join("<br>");
    return `<tr><td>${step.index + 1}</td><td class="n">+${(step.startedAt / 1000).toFixed(1)} s</td><td>${escape(step.kind)}</td><td>${escape(step.target)}</td><td class="x">${expected}</td><td class="v" style="color:${colours[step.verdict]}">${step.verdict}</td><td class="n">${step.durationMs} ms</td><td>${detail}</td></tr>`;
  });
  return `<table><tr><th>#</th><th>at</th><th>step</th><th>target</th><th>expected</th><th>verdict</th><th>took</th><th>detail</th></tr>${rows.join("")}</table>`;
}
