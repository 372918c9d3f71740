import { describe, expect, it } from "vitest";
import { logCensus } from "../../harness/report/log-census.js";
import { logCensusSection } from "../../harness/report/census-html.js";

const controller = [
  "INFO 2026/12/01 00:21:50 Running control service control",
  "DEBUG 2026/12/01 00:21:51 Sending routing update Xy3kP9qA. Connections: relayer01(1.00)",
  "DEBUG 2026/12/01 00:21:52 Sending routing update Ab7mQ2zR. Connections: relayer01(1.00)",
  'ERROR 2026/12/01 00:21:57 no route to node {"node_id":"executor01"}',
  "ERROR 2026/12/01 00:22:03 no route to node",
  "WARNING 2026/12/01 00:22:04 Timing out connection, idle for the past 21s",
  "goroutine 1 [running]:",
  "",
].join("\n");

describe("the log census", () => {
  it("counts each node's lines by level and by kind, ids and numbers normalised away, ERROR kinds first", () => {
    const census = logCensus({ controller01: controller, executor01: "" }, { nodes: ["controller01", "relayer01", "executor01"] });
    expect(census.controller01!.lines).toBe(7);
    expect(census.controller01!.levels).toEqual({ INFO: 1, DEBUG: 2, ERROR: 2, WARNING: 1, other: 1 });
    expect(census.controller01!.kinds.map(({ level, kind, count }) => [level, kind, count])).toEqual([
      ["ERROR", "no route to node", 2],
      ["WARNING", "Timing out connection, idle for the past Ns", 1],
      ["INFO", "Running control service control", 1],
      ["DEBUG", "Sending routing update <id>. Connections: relayer01(N)", 2],
    ]);
    expect(census.controller01!.kinds[0]!.example).toBe('ERROR 2026/12/01 00:21:57 no route to node {"node_id":"executor01"}');
    expect(census.executor01).toEqual({ lines: 0, levels: {}, kinds: [] });
  });

  it("is drawn as a table per level and the ERROR and WARNING kinds", () => {
    const html = logCensusSection(logCensus({ controller01: controller }, {}));
    expect(html).toContain("<td>controller01</td><td>2</td><td>1</td><td>1</td><td>2</td><td>1</td>");
    expect(html).toContain("no route to node");
    expect(html).not.toContain("Sending routing update");
    expect(logCensusSection(undefined)).toContain("No log census");
  });
});
