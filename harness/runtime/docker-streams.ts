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
