import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { delimiter, isAbsolute, join } from "node:path";
import { execa, ExecaError, type ResultPromise } from "execa";
import { EnvironmentError } from "../errors.js";
import type { Progress } from "../progress.js";

export interface RunOptions {
  /** Every command has a deadline; past it the command is terminated and the call fails. */
  timeoutMs: number;
  cwd?: string;
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Where each output line is reported live as a detail line. */
  progress?: Progress;
  /** Hint printed when the command fails. */
  hint?: string;
  /**
   * The caller reads `subprocess.stdout` itself (a pipe into another consumer): stdout is then
   * neither kept nor reported, only stderr is.
   */
  pipeStdout?: boolean;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

export interface StartedCommand {
  subprocess: ResultPromise;
  /** Settles when the command ends: its output, or an EnvironmentError saying why it failed. */
  finished: Promise<RunResult>;
}

/** How many lines of stderr a failure message quotes. */
const tailLines = 15;

/**
 * Starts a provisioning command (apt-get, go, pip, debootstrap, tar) without a shell, reporting
 * its output lines live. stdout and stderr are kept apart; a failure is an EnvironmentError
 * naming the command, its exit code (or timeout/signal) and the tail of its stderr.
 */
export function startCommand(command: string, args: string[], options: RunOptions): StartedCommand {
  const progress = options.progress;
  const detail = progress
    ? function* (line: unknown) {
        progress.detail(String(line));
        yield line;
      }
    : "pipe";
  const subprocess = execa(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdin: "ignore",
    stdout: options.pipeStdout ? "pipe" : detail,
    stderr: detail,
    buffer: { stdout: !options.pipeStdout, stderr: true },
    timeout: options.timeoutMs,
    forceKillAfterDelay: 5_000,
  });
  const finished = subprocess.then(
    (result) => ({ stdout: text(result.stdout), stderr: text(result.stderr) }),
    (error: unknown) => {
      throw commandError(command, args, error, options);
    },
  );
  return { subprocess, finished };
}

/** Runs a command to its end; see startCommand. */
export function runCommand(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return startCommand(command, args, options).finished;
}

function commandError(command: string, args: string[], error: unknown, options: RunOptions): EnvironmentError {
  const shown = `'${displayCommand(command, args)}'`;
  if (!(error instanceof ExecaError)) {
    return new EnvironmentError(`${shown} failed: ${String(error)}`, options.hint, { cause: error });
  }
  if (error.exitCode === undefined && !error.signal && !error.timedOut && !error.isMaxBuffer) {
    // Never started (ENOENT, EACCES, a missing cwd) or failed in our own plumbing.
    const why = error.originalMessage || error.shortMessage;
    return new EnvironmentError(`could not run ${shown}: ${why}`, options.hint ?? `Is '${command}' installed and on PATH?`, { cause: error });
  }
  const why = error.timedOut
    ? `timed out after ${options.timeoutMs} ms`
    : error.isMaxBuffer
      ? "wrote more output than can be kept"
      : error.signal
        ? `was killed by ${error.signal}`
        : `failed with exit code ${error.exitCode}`;
  // Some tools report on stdout alone (`go mod download -json` puts its error in the JSON).
  const stderr = outputTail(text(error.stderr));
  const stdout = stderr ? "" : outputTail(text(error.stdout));
  const quoted = stderr ? `; its stderr ends with:\n${stderr}` : stdout ? ` (no stderr); its stdout ends with:\n${stdout}` : " (no output)";
  return new EnvironmentError(`${shown} ${why}${quoted}`, options.hint, { cause: error });
}

function text(output: unknown): string {
  if (output === undefined) return "";
  return Array.isArray(output) ? output.join("\n") : String(output);
}

/** The last lines of `output`, indented so they read as a quote. */
export function outputTail(output: string, lines = tailLines): string {
  return output
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(-lines)
    .map((line) => `  ${line}`)
    .join("\n");
}

/** The command as one might type it: arguments with spaces or quotes are quoted. */
export function displayCommand(command: string, args: string[]): string {
  return [command, ...args].map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : JSON.stringify(part))).join(" ");
}

/** Whether `command` is an executable file on PATH (or, if it names a path, at that path). */
export async function hasCommand(command: string): Promise<boolean> {
  const candidates =
    isAbsolute(command) || command.includes("/")
      ? [command]
      : (process.env.PATH ?? "")
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      if ((await stat(candidate)).isFile()) return true;
    } catch {
      // Not here; try the next directory.
    }
  }
  return false;
}
