import { randomBytes } from "node:crypto";

/** A sortable, unique run id: 20261122-101500-k3x9qa. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const suffix = [...randomBytes(6)].map((byte) => "abcdefghijklmnopqrstuvwxyz0123456789"[byte % 36]).join("");
  return `${stamp}-${suffix}`;
}
