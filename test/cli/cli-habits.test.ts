import { execa } from "execa";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../harness/paths.js";
import { runCli } from "./run-cli.js";

const escape = "\u001b[";

describe("receptor-lab CLI habits (no Docker needed)", () => {
  it.each(["up", "scenario", "status", "ctl", "down", "list", "image", "compose", "prune", "compare", "generate", "stop", "partition", "loss", "delay", "heal", "logs", "exec", "watch"])("'%s --help' prints that command's usage and exits 0", async (command) => {
    const run = await runCli([command, "--help"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Usage: receptor-lab ${command}`);
    expect(run.stderr).toBe("");
  });

  it("'help <command>' does the same", async () => {
    const run = await runCli(["help", "scenario"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: receptor-lab scenario <name|file>...");
  });

  it("keeps --help after '--' for receptorctl", async () => {
    const run = await runCli(["ctl", "--help"]);
    expect(run.stdout).toContain("Usage: receptor-lab ctl");
  });

  it("--version prints the harness, Receptor and receptorctl versions", async () => {
    const run = await runCli(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^receptor-lab \d+\.\d+\.\d+\nreceptor 1\.6\.5 .*\nreceptorctl 1\.6\.5\n/);
  });

  it("exits quietly when the reader of stdout goes away (list | head -1)", async () => {
    const bin = join(projectRoot, "bin", "receptor-lab.js");
    const run = await execa("bash", ["-c", `set -o pipefail; "${process.execPath}" "${bin}" list | head -1`], { reject: false, env: { NO_COLOR: "1" } });
    expect(run.stdout).toBe("Topologies:");
    expect(run.stderr).not.toMatch(/EPIPE|Error/);
    expect(run.exitCode).toBe(0);
  });

  it("writes no colour into a pipe unless FORCE_COLOR is set to something", async () => {
    const plain = await runCli(["scenario", "nosuch"], 60_000, { NO_COLOR: "", FORCE_COLOR: "" });
    expect(plain.stderr).toContain("Error:");
    expect(plain.stderr).not.toContain(escape);
    const forced = await runCli(["scenario", "nosuch"], 60_000, { NO_COLOR: "", FORCE_COLOR: "1" });
    expect(forced.stderr).toContain(escape);
    const both = await runCli(["scenario", "nosuch"], 60_000, { NO_COLOR: "1", FORCE_COLOR: "1" });
    expect(both.stderr).not.toContain(escape);
  });

  it("keeps exit 2 and the meant command's usage for an unknown flag", async () => {
    const run = await runCli(["down", "--everything"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Usage: receptor-lab down");
  });
});

describe("the documented npm-script forms", () => {
  const npm = (args: string[]) => execa("npm", ["run", "--silent", ...args], { cwd: projectRoot, reject: false, env: { NO_COLOR: "1" } });

  it("hands a boolean flag npm swallowed back to the harness", async () => {
    // list takes no --quick: the usage error proves the flag arrived
    const run = await npm(["lab", "list", "--quick"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("Unknown option '--quick'");
  });

  it("refuses a swallowed flag with a value, saying to put it after '--'", async () => {
    const run = await npm(["scenario", "normal", "--repeat", "3"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("npm took --repeat as its own option");
    expect(run.stderr).toContain("npm run scenario -- …");
  });

  it("passes everything after '--' untouched", async () => {
    const run = await npm(["lab", "--", "list"]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Scenarios (npm run scenario <name>)");
  });
});
