import { spawn } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../harness/paths.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `receptor-lab <args>` as a user would, colours off. */
export function runCli(args: string[], timeoutMs = 120_000, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, "bin", "receptor-lab.js"), ...args], {
      cwd: projectRoot,
      env: { ...process.env, NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`receptor-lab ${args.join(" ")} ran over ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** `receptor-lab <args>` left running, for a test that signals it: its output so far, and its exit. */
export function startCli(args: string[]) {
  const child = spawn(process.execPath, [join(projectRoot, "bin", "receptor-lab.js"), ...args], {
    cwd: projectRoot,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, stdout: () => stdout, exited };
}
