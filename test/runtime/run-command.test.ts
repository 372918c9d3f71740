import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { ExecaError } from "execa";
import { afterEach, describe, expect, it } from "vitest";
import { EnvironmentError } from "../../harness/errors.js";
import type { Progress } from "../../harness/progress.js";
import { findCompose } from "../../harness/runtime/compose-tool.js";
import { installDebianPackages } from "../../harness/runtime/debian-packages.js";
import { hasCommand, runCommand } from "../../harness/runtime/run-command.js";

const node = process.execPath;

function recorder(): Progress & { details: string[] } {
  const details: string[] = [];
  return { details, step() {}, warn() {}, detail: (line) => void details.push(line) };
}

async function failure(promise: Promise<unknown>): Promise<EnvironmentError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EnvironmentError);
  return error as EnvironmentError;
}

describe("runCommand", () => {
  it("keeps stdout and stderr apart and reports both live", async () => {
    const progress = recorder();
    const result = await runCommand(node, ["-e", "process.stdout.write('out 1\\nout 2\\n'); process.stderr.write('err 1\\n')"], { timeoutMs: 10_000, progress });
    expect(result).toEqual({ stdout: "out 1\nout 2", stderr: "err 1" });
    expect([...progress.details].sort()).toEqual(["err 1", "out 1", "out 2"]);
  });

  it("names the command, its exit code and the tail of its stderr when it fails", async () => {
    const error = await failure(runCommand(node, ["-e", "process.stdout.write('not this'); process.stderr.write('boom'); process.exit(3)"], { timeoutMs: 10_000, hint: "fix it" }));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(`'${node} -e "process.stdout.write('not this'); process.stderr.write('boom'); process.exit(3)"' failed with exit code 3; its stderr ends with:\n  boom`);
    expect(error.hint).toBe("fix it");
    expect(error.cause).toBeInstanceOf(ExecaError);
  });

  it("quotes stdout when the command said nothing on stderr", async () => {
    const error = await failure(runCommand(node, ["-e", "console.log('{\"Error\": \"404\"}'); process.exit(1)"], { timeoutMs: 10_000 }));
    expect(error.message).toMatch(/failed with exit code 1 \(no stderr\); its stdout ends with:\n {2}\{"Error": "404"\}$/);
  });

  it("quotes only the last lines of a long stderr", async () => {
    const error = await failure(runCommand(node, ["-e", "for (let i = 1; i <= 40; i++) console.error('line ' + i); process.exit(1)"], { timeoutMs: 10_000 }));
    expect(error.message).toContain("failed with exit code 1");
    expect(error.message).toContain("  line 40");
    expect(error.message).toContain("  line 26\n");
    expect(error.message).not.toContain("line 25\n");
  });

  it("stops a command that outlives its timeout and says so", async () => {
    const started = Date.now();
    const error = await failure(runCommand(node, ["-e", "process.stderr.write('waiting'); setTimeout(() => {}, 30_000)"], { timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(error.message).toMatch(/^'.* -e .*' timed out after 300 ms; its stderr ends with:\n {2}waiting$/);
    expect((error.cause as ExecaError).timedOut).toBe(true);
  });

  it("says when a command cannot be started at all", async () => {
    const error = await failure(runCommand("receptor-lab-no-such-command", ["x"], { timeoutMs: 5_000 }));
    expect(error.message).toMatch(/^could not run 'receptor-lab-no-such-command x': .*ENOENT/);
    expect(error.hint).toBe("Is 'receptor-lab-no-such-command' installed and on PATH?");
  });
});

describe("hasCommand", () => {
  it("finds executables on PATH and by path, without a shell", async () => {
    expect(await hasCommand(node)).toBe(true);
    expect(await hasCommand("receptor-lab-no-such-command")).toBe(false);
    const marker = join(tmpdir(), `receptor-lab-hascommand-${process.pid}`);
    expect(await hasCommand(`true; touch ${marker}`)).toBe(false);
    expect(await hasCommand(`$(touch ${marker})`)).toBe(false);
    await expect(readFile(marker)).rejects.toThrow();
  });
});

describe("with fake tools on PATH", () => {
  const savedPath = process.env.PATH;
  let dir = "";
  afterEach(async () => {
    process.env.PATH = savedPath;
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = "";
  });

  async function fakeTool(name: string, script: string): Promise<void> {
    dir ||= await mkdtemp(join(tmpdir(), "receptor-lab-fake-"));
    await writeFile(join(dir, name), `#!${node}\n${script}\n`);
    await chmod(join(dir, name), 0o755);
    process.env.PATH = `${dir}${delimiter}${savedPath}`;
  }

  it("installDebianPackages refreshes the package lists and retries a failed install once", async () => {
    await fakeTool(
      "apt-get",
      `const fs = require("node:fs"); const log = __filename + ".log";
       fs.appendFileSync(log, process.argv.slice(2).join(" ") + " " + process.env.DEBIAN_FRONTEND + "\\n");
       const installs = fs.readFileSync(log, "utf8").split("\\n").filter((l) => l.startsWith("install")).length;
       if (process.argv[2] === "install" && installs === 1) { console.error("E: Unable to locate package docker-compose"); process.exit(100); }`,
    );
    const progress = recorder();
    await installDebianPackages(["docker-compose"], progress, "install it by hand");
    const calls = (await readFile(join(dir, "apt-get.log"), "utf8")).trim().split("\n");
    expect(calls).toEqual(["install -y docker-compose noninteractive", "update noninteractive", "install -y docker-compose noninteractive"]);
    expect(progress.details).toContain("apt-get install failed; refreshing the package lists and trying once more …");
  });

  it("findCompose takes the first candidate whose 'version' works", async () => {
    await fakeTool("fake-compose", `if (process.argv[2] !== "compose" || process.argv[3] !== "version") process.exit(1);`);
    expect(await findCompose([{ command: "receptor-lab-no-such-command", args: [] }, { command: "fake-compose", args: ["compose"] }])).toEqual({
      command: "fake-compose",
      args: ["compose"],
    });
    expect(await findCompose([{ command: "fake-compose", args: ["wrong"] }])).toBeUndefined();
  });
});
