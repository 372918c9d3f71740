import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EnvironmentError, UsageError } from "../../harness/errors.js";
import { missingToolsWarning, nodeTools, parseProbe, probeScript, probeStartFailure, readyImageFacts, readyImageLabel, versionIn } from "../../harness/runtime/image-probe.js";

const healthy = ["=== receptor", "1.6.5", "=== exit 0", "=== receptorctl", "1.6.5", "=== exit 0", "=== missing", ""].join("\n");

describe("the probe's output", () => {
  it("splits into receptor, receptorctl and the missing tools", () => {
    const report = parseProbe(["=== receptor", "1.7.0+12.gabc123", "=== exit 0", "=== receptorctl", "unknown", "=== exit 0", "=== missing", "python3", "ss", ""].join("\n"));
    expect(report).toEqual({
      receptor: { exitCode: 0, output: "1.7.0+12.gabc123" },
      receptorctl: { exitCode: 0, output: "unknown" },
      missingTools: ["python3", "ss"],
    });
  });

  it("says a command never ran when its section is missing", () => {
    expect(parseProbe("=== receptor\n1.6.5\n=== exit 0\n").receptorctl).toEqual({ exitCode: -1, output: "" });
  });
});

describe("version numbers", () => {
  it.each([
    ["1.6.5\n", "1.6.5"],
    ["v1.7.0-rc1", "1.7.0-rc1"],
    ["receptor version 1.6.5+12.gabc123 (built 2026)", "1.6.5+12.gabc123"],
    ["", "unknown"],
    ["devel", "unknown"],
  ])("%j → %s", (output, version) => {
    expect(versionIn(output)).toBe(version);
  });

  it("labels a ready image with what receptor reports and the image", () => {
    expect(readyImageLabel("1.6.5", "my-ci/receptor:dev")).toBe("1.6.5@my-ci/receptor:dev");
  });
});

describe("what a probe says about an image", () => {
  it("gives the versions and the missing tools of a working image", () => {
    expect(readyImageFacts("my:img", parseProbe(healthy))).toEqual({ receptorVersion: "1.6.5", receptorctlVersion: "1.6.5", missingTools: [] });
  });

  it("names a missing receptorctl, with the shell's words, its exit code and the pip hint", () => {
    const probe = parseProbe(healthy.replace("=== receptorctl\n1.6.5\n=== exit 0", "=== receptorctl\nsh: 5: receptorctl: not found\n=== exit 127"));
    const error = catchError(() => readyImageFacts("my:img", probe));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe("the image my:img has no working receptorctl ('receptorctl --help' exited with 127: sh: 5: receptorctl: not found)");
    expect((error as UsageError).hint).toContain("pip install receptorctl==1.6.5");
  });

  it("names both when neither runs", () => {
    const probe = parseProbe(["=== receptor", "=== exit 126", "=== receptorctl", "Traceback", "ModuleNotFoundError: No module named 'receptorctl'", "=== exit 1"].join("\n"));
    const error = catchError(() => readyImageFacts("my:img", probe));
    expect(error.message).toBe(
      "the image my:img has no working receptor and no working receptorctl ('receptor --version' exited with 126 and printed nothing; 'receptorctl --help' exited with 1: Traceback / ModuleNotFoundError: No module named 'receptorctl')",
    );
    expect((error as UsageError).hint).toContain("receptorctl==<receptor's version>");
  });

  it("warns which faults go without the missing tools, and is quiet when none is", () => {
    expect(missingToolsWarning("my:img", ["iptables", "python3"])).toBe("the image my:img has no iptables, python3: partition faults, loss faults and delay faults will not work in its labs");
    expect(missingToolsWarning("my:img", ["base64"])).toBe("the image my:img has no base64: reconfigure steps and work-unit file checks will not work in its labs");
    expect(missingToolsWarning("my:img", [])).toBeUndefined();
  });

  it("blames the image for a missing sh and the engine for anything else", () => {
    const noShell = probeStartFailure("my:img", new Error('(HTTP code 400) unexpected - OCI runtime create failed: exec: "sh": executable file not found in $PATH: unknown'));
    expect(noShell).toBeInstanceOf(UsageError);
    expect(noShell.message).toBe("the image my:img has no sh, which the lab runs every fault and check with");
    expect(probeStartFailure("my:img", new Error("connect ECONNREFUSED /var/run/docker.sock"))).toBeInstanceOf(EnvironmentError);
  });
});

describe("the probe script, run by sh against stand-in commands", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the script with only the stand-ins (and sh's builtins) on PATH: every node tool is missing. */
  function probeWith(commands: (dir: string) => Record<string, string>): string {
    dir = mkdtempSync(join(tmpdir(), "rlab-probe-"));
    for (const [name, body] of Object.entries(commands(dir))) {
      writeFileSync(join(dir, name), body);
      chmodSync(join(dir, name), 0o755);
    }
    return execFileSync("/bin/sh", ["-c", probeScript()], { env: { PATH: dir }, encoding: "utf8" });
  }

  it("reads receptor's version, and receptorctl's through the interpreter its first line names", () => {
    const stdout = probeWith((dir) => ({
      receptor: "#!/bin/sh\necho 1.6.5\n",
      python: "#!/bin/sh\necho 1.6.4\n",
      receptorctl: `#!${dir}/python\n`,
    }));
    expect(readyImageFacts("my:img", parseProbe(stdout))).toEqual({ receptorVersion: "1.6.5", receptorctlVersion: "1.6.4", missingTools: Object.keys(nodeTools) });
  });

  it("reports a receptorctl that is not there", () => {
    const report = parseProbe(probeWith(() => ({ receptor: "#!/bin/sh\necho 1.6.5\n" })));
    expect(report.receptor).toEqual({ exitCode: 0, output: "1.6.5" });
    expect(report.receptorctl.exitCode).toBe(127);
    expect(report.receptorctl.output).toMatch(/receptorctl.*not found/);
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}
