import { describe, expect, it } from "vitest";
import type { DockerLab } from "../../harness/runtime/docker-lab.js";
import { blockPeers, losePackets } from "../../harness/runtime/network-rules.js";

/** Records the shell scripts the rules would run inside a node. */
function recordingLab(exitCode = 0) {
  const scripts: string[] = [];
  const lab = {
    containerOf: (id: string) => `rlab-test-${id}`,
    exec: async (_node: string, command: string[]) => {
      scripts.push(command[2]!);
      return { exitCode, stdout: "", stderr: exitCode ? "iptables: Permission denied" : "" };
    },
  } as unknown as DockerLab;
  return { lab, scripts };
}

describe("iptables rules for network faults", () => {
  it("drops both directions of traffic with each peer, in our own chain", async () => {
    const { lab, scripts } = recordingLab();
    await blockPeers(lab, "controller01", ["10.0.0.3"], "drop");
    const lines = scripts[0]!.split("\n");
    expect(lines).toContain("iptables -C INPUT -j RLAB 2>/dev/null || iptables -I INPUT -j RLAB");
    expect(lines).toContain("iptables -A RLAB -s 10.0.0.3 -j DROP");
    expect(lines).toContain("iptables -A RLAB -d 10.0.0.3 -j DROP");
  });

  it("lets the resets it makes reach our own sockets before rejecting in reset mode", async () => {
    const { lab, scripts } = recordingLab();
    await blockPeers(lab, "controller01", ["10.0.0.3"], "reset");
    const lines = scripts[0]!.split("\n");
    const accept = lines.indexOf("iptables -A RLAB -s 10.0.0.3 -p tcp --tcp-flags RST RST -j RETURN");
    const reject = lines.indexOf("iptables -A RLAB -s 10.0.0.3 -p tcp -j REJECT --reject-with tcp-reset");
    expect(accept).toBeGreaterThan(0);
    expect(reject).toBeGreaterThan(accept);
  });

  it("turns a loss percentage into a statistic match probability", async () => {
    const { lab, scripts } = recordingLab();
    await losePackets(lab, "relayer01", ["10.0.0.2"], 30);
    expect(scripts[0]).toContain("-s 10.0.0.2 -m statistic --mode random --probability 0.3000 -j DROP");
  });

  it("says which node and what iptables said when a rule cannot be added", async () => {
    const { lab } = recordingLab(4);
    await expect(blockPeers(lab, "relayer01", ["10.0.0.2"], "drop")).rejects.toThrow(
      "iptables in relayer01 (rlab-test-relayer01) failed with exit code 4: iptables: Permission denied",
    );
  });
});
