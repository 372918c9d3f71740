import { spawn } from "node:child_process";
import { EnvironmentError } from "../errors.js";
import type { Progress } from "../progress.js";

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  progress?: Progress;
  /** Hint printed when the command fails. */
  hint?: string;
}

/**
 * Runs a provisioning command (apt-get, go, pip, debootstrap), streaming its output as detail
 * lines. A failure is an EnvironmentError naming the command, its exit code and its output tail.
 */
export function runCommand(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const output: string[] = [];
    let partial = "";
    const take = (chunk: Buffer) => {
      const lines = (partial + chunk.toString("utf8")).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        output.push(line);
        if (output.length > 400) output.shift();
        options.progress?.detail(line);
      }
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("error", (error) =>
      reject(new EnvironmentError(`could not run '${command}': ${error.message}`, options.hint ?? `Is '${command}' installed and on PATH?`, { cause: error })),
    );
    child.on("close", (code, signal) => {
      if (partial) output.push(partial);
      if (code === 0) return resolve(output.join("\n"));
      const tail = output.slice(-15).join("\n");
      const why = signal ? `was killed by ${signal}` : `failed with exit code ${code}`;
      reject(new EnvironmentError(`'${[command, ...args].join(" ")}' ${why}:\n${tail}`, options.hint));
    });
  });
}

/** Whether `command` is on PATH. */
export async function hasCommand(command: string): Promise<boolean> {
  try {
    await runCommand("sh", ["-c", `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}
