/**
 * User-facing failures. Each carries the exit code the CLI uses (design.md §3) and a hint that
 * says what to do next; the CLI is the only place that prints them.
 */
export type ExitCode = 0 | 1 | 2 | 3 | 4 | 130;

export abstract class LabError extends Error {
  abstract readonly exitCode: ExitCode;
  constructor(
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Where in an input file a problem is. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface InputProblem {
  location: SourceLocation;
  message: string;
}

/** Bad input or usage: nothing was started. */
export class InputError extends LabError {
  readonly exitCode = 2 as const;
  constructor(
    readonly problems: InputProblem[],
    hint?: string,
  ) {
    super(problems.map(formatProblem).join("\n"), hint);
  }
}

export class UsageError extends LabError {
  readonly exitCode = 2 as const;
}

/** The machine cannot run a lab: no Docker engine, an image that will not build, … */
export class EnvironmentError extends LabError {
  readonly exitCode = 3 as const;
}

/** A lab did not reach the state it had to (routes never converged, a node never answered). */
export class LabFailure extends LabError {
  readonly exitCode = 1 as const;
}

export function formatProblem(problem: InputProblem): string {
  const { file, line, column } = problem.location;
  return `${file}:${line}:${column}: ${problem.message}`;
}
