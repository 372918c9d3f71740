import { UsageError } from "./errors.js";

/** What `--receptor` (or a node's `receptor:`) names: a release, a commit or pseudo-version the Go module proxy resolves, or a source tree. */
export type ReceptorSpec = { kind: "release"; version: string } | { kind: "module-query"; query: string } | { kind: "path"; path: string };

const release = /^v?\d+\.\d+\.\d+$/;
const commit = /^[0-9a-f]{7,40}$/;
const pseudoVersion = /^v?\d+\.\d+\.\d+-(?:[0-9A-Za-z]+\.)*\d{14}-[0-9a-f]{12}$/;

export const receptorSpecHint =
  "Write a release (1.6.5), a commit (8e4ba7e3f3f5), a pseudo-version (v1.6.6-0.20260501120000-8e4ba7e3f3f5) or the path of a Receptor clone (./receptor).";

/** A path (not a version) holds a slash or starts with a dot. */
export function looksLikePath(receptor: string): boolean {
  return receptor.includes("/") || receptor.startsWith(".");
}

export function parseReceptorSpec(value: string): ReceptorSpec {
  if (looksLikePath(value)) return { kind: "path", path: value };
  if (release.test(value)) return { kind: "release", version: value.replace(/^v/, "") };
  if (commit.test(value)) return { kind: "module-query", query: value };
  if (pseudoVersion.test(value)) return { kind: "module-query", query: value.startsWith("v") ? value : `v${value}` };
  throw new UsageError(`'${value}' is not a Receptor version, commit or source tree`, receptorSpecHint);
}

export function isReceptorSpec(value: string): boolean {
  try {
    parseReceptorSpec(value);
    return true;
  } catch {
    return false;
  }
}
