import { LabError } from "../errors.js";

/** A control-service call that failed: it names the node, the command and the cause. */
export class ControlError extends LabError {
  readonly exitCode = 1 as const;
  constructor(
    readonly node: string,
    readonly command: string,
    message: string,
    options?: { cause?: unknown; hint?: string },
  ) {
    super(`${node}: '${command}' ${message}`, options?.hint, options);
  }
}

/** The node said `ERROR: …` in reply. */
export class ControlReplyError extends ControlError {
  constructor(node: string, command: string, readonly reply: string) {
    super(node, command, `failed: ${reply}`);
  }
}

/** No reply within the call's hard timeout (a paused node accepts TCP and then hangs). */
export class ControlTimeoutError extends ControlError {
  constructor(node: string, command: string, timeoutMs: number) {
    super(node, command, `got no reply within ${timeoutMs} ms`, {
      hint: "The node may be paused, stopped or overloaded: check 'receptor-lab status' and its log.",
    });
  }
}
