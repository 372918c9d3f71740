import { describe, expect, it } from "vitest";
import { messageKind, parseLogLine } from "../../../harness/report/compare/log-normalise.js";

const kind = (line: string, known = {}) => messageKind(parseLogLine(line)!.message, known);

describe("log kinds", () => {
  it("reads the level and message of a Receptor log line", () => {
    expect(parseLogLine("ERROR 2026/12/01 00:21:57 Backend error: boom")).toEqual({ level: "ERROR", message: "Backend error: boom" });
    expect(parseLogLine("   relayer02 via relayer02")).toBeUndefined();
  });

  it("drops the structured fields and keeps node ids", () => {
    expect(kind('ERROR 2026/12/01 00:23:02 Backend error: relayer01: rejected connection with node controller04 because it is not in the allowed peers list {"node_id":"relayer01","remote_id":"controller04"}')).toBe(
      "Backend error: relayer01: rejected connection with node controller04 because it is not in the allowed peers list",
    );
  });

  it("replaces numbers, addresses, ports, times, hex and random ids", () => {
    expect(kind("WARNING 2026/12/01 00:24:35 Timing out connection relayer01, idle for the past 21s")).toBe("Timing out connection relayer01, idle for the past Ns");
    expect(kind("DEBUG 2026/12/01 00:24:35 TCPDialer connected to TCP node02.example.internal:7323 Address 192.168.224.2:7323")).toBe(
      "TCPDialer connected to TCP node02.example.internal:<port> Address <ip>",
    );
    expect(kind("INFO 2026/12/01 00:24:35 Work unit expired on Tue Dec 1 00:24:41")).toBe("Work unit expired on <time>");
    expect(kind("DEBUG 2026/12/01 00:24:35 Sending routing update qw9m8fgr. Connections: relayer02(2.00)")).toBe("Sending routing update <id>. Connections: relayer02(N)");
    expect(kind("ERROR 2026/12/01 00:24:35 image local-60156d056e3c failed")).toBe("image local-<hex> failed");
  });

  it("replaces unit ids, known or shaped like one", () => {
    expect(kind("ERROR 2026/12/01 00:24:35 Error locating unit: controller01zwoApd0v", { nodes: ["controller01"] })).toBe("Error locating unit: <unit>");
    expect(kind("ERROR 2026/12/01 00:24:35 unknown work unit Xk3j9QzA", { unitIds: ["Xk3j9QzA"] })).toBe("unknown work unit <unit>");
  });
});
