import type Docker from "dockerode";
import type { ExecResult } from "./lab-runtime.js";

/**
 * Splits Docker's multiplexed attach/log format (8-byte frame headers: stream type, 3 zero
 * bytes, big-endian length) into stdout and stderr.
 */
export function demultiplex(buffer: Buffer): { stdout: Buffer; stderr: Buffer } {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const type = buffer[offset]!;
    const length = buffer.readUInt32BE(offset + 4);
    const frame = buffer.subarray(offset + 8, offset + 8 + length);
    (type === 2 ? stderr : stdout).push(frame);
    offset += 8 + length;
  }
  return { stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) };
}

/** `docker exec` of `command` in `container`, its output collected and split. */
export async function execIn(container: Docker.Container, command: string[]): Promise<ExecResult> {
  const exec = await container.exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const { stdout, stderr } = demultiplex(Buffer.concat(chunks));
  const { ExitCode } = await exec.inspect();
  return { exitCode: ExitCode ?? -1, stdout: stdout.toString("utf8"), stderr: stderr.toString("utf8") };
}
