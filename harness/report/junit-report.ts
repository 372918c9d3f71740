import { escapeXml } from "./escape.js";
import type { RunDocument } from "./run-document.js";

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** One <testsuite> per scenario run, one <testcase> per step. */
export function junitSuite(document: RunDocument, suffix = ""): string {
  const failures = document.steps.filter((step) => step.verdict === "failed").length;
  const errors = document.steps.filter((step) => step.verdict === "inconclusive").length + (document.error && document.steps.length === 0 ? 1 : 0);
  const skipped = document.steps.filter((step) => step.verdict === "skipped").length;
  const name = `${document.scenario}${suffix}`;
  const cases = document.steps.map((step) => {
    const caseName = escapeXml(`${String(step.index + 1).padStart(2, "0")} ${step.kind} ${step.target}`.trim());
    const body =
      step.verdict === "failed"
        ? `<failure message="${escapeXml(step.detail.message ?? "failed")}">${escapeXml(diffText(step.detail))}</failure>`
        : step.verdict === "inconclusive"
          ? `<error message="${escapeXml(step.detail.message ?? "inconclusive")}">${escapeXml(diffText(step.detail))}</error>`
          : step.verdict === "skipped"
            ? `<skipped message="${escapeXml(step.detail.message ?? "skipped")}"/>`
            : "";
    return `    <testcase classname="receptor-lab.${escapeXml(name)}" name="${caseName}" time="${seconds(step.durationMs)}">${body}</testcase>`;
  });
  if (document.error && document.steps.length === 0) {
    cases.push(`    <testcase classname="receptor-lab.${escapeXml(name)}" name="00 bring-up" time="0"><error message="${escapeXml(document.error.split("\n")[0]!)}">${escapeXml(document.error)}</error></testcase>`);
  }
  return [
    `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(document.durationMs)}" timestamp="${document.startedAt}">`,
    `    <properties><property name="receptorVersion" value="${escapeXml(document.receptorVersion)}"/><property name="topology" value="${escapeXml(document.topology)}"/><property name="runId" value="${escapeXml(document.runId)}"/><property name="quick" value="${document.quick}"/></properties>`,
    ...cases,
    "  </testsuite>",
  ].join("\n");
}

export function junitDocument(suites: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="receptor-lab">\n${suites.join("\n")}\n</testsuites>\n`;
}

function diffText(detail: RunDocument["steps"][number]["detail"]): string {
  return [detail.message, detail.expected ? `expected: ${detail.expected}` : "", detail.observed ? `observed: ${detail.observed}` : ""].filter(Boolean).join("\n");
}
