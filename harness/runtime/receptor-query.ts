import { existsSync, readdirSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { EnvironmentError, UsageError } from "../errors.js";
import { receptorModule } from "./receptor-source.js";

export interface ProxyOptions {
  /** Where the resolver's scratch module lives (under the build cache). */
  cacheDir: string;
  /** Added to the environment of `go` (tests point GOPROXY at a folder). */
  env?: NodeJS.ProcessEnv;
}

/**
 * How `go` is run against receptor's module: `-mod=mod`, and the public checksum database skipped
 * for it (it does not always know receptor's newest tags; the proxy's own hash is then recorded).
 */
export function goModuleEnv(): NodeJS.ProcessEnv {
  return { GOFLAGS: "-mod=mod", GONOSUMDB: [process.env.GONOSUMDB, receptorModule].filter(Boolean).join(",") };
}

/** Whether a receptor binary for `version` is already built (then the proxy need not be asked). */
export function receptorBuilt(version: string, cacheDir: string): boolean {
  const dir = join(cacheDir, "receptor", version);
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((entry) => entry.startsWith("linux-") && existsSync(join(dir, entry, "receptor")));
}

/**
 * Asks the Go module proxy what `query` (a release tag, a commit, a pseudo-version) is, and
 * returns its canonical version without the `v` (a commit becomes its pseudo-version). A
 * version the proxy refuses is bad input (UsageError); a proxy or toolchain we cannot reach is
 * an EnvironmentError, unless `tolerateUnreachable`, when the build reports it later.
 */
export async function resolveOnProxy(query: string, options: ProxyOptions & { tolerateUnreachable?: boolean }): Promise<string | undefined> {
  const dir = join(options.cacheDir, "receptor", "resolve");
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "go.mod"), "module receptorlab/resolve\n\ngo 1.23\n");
  const env = { ...goModuleEnv(), ...options.env };
  const target = `${receptorModule}@${query}`;
  const result = await execa("go", ["list", "-m", "-json", target], { cwd: dir, env, reject: false, timeout: 60_000 });
  if (result.exitCode === 0) {
    const version = (JSON.parse(result.stdout) as { Version?: string }).Version;
    if (version) return version.replace(/^v/, "");
  }
  const why = [result.stderr, result.stdout].join("\n").trim() || (result.message ?? "go printed nothing");
  if (refused(why)) {
    throw new UsageError(
      `the Go module proxy does not serve ${target}:\n${indent(why)}`,
      "Check the version or commit (a commit must be pushed to github.com/ansible/receptor); to test a branch or an unpushed change, point --receptor at a local clone instead.",
    );
  }
  if (options.tolerateUnreachable) return undefined;
  throw new EnvironmentError(`could not ask the Go module proxy about ${target}:\n${indent(why)}`, "Check that Go ≥ 1.23 is installed and the Go module proxy (GOPROXY) is reachable.");
}

/** The proxy answered, and its answer is no (as opposed to: it could not be asked). */
function refused(output: string): boolean {
  if (/dial tcp|connection refused|no such host|i\/o timeout|TLS handshake|network is unreachable/i.test(output)) return false;
  return /\b(403|404|410)\b|not available|not found|unknown revision|invalid version|no matching versions|no such file or directory/i.test(output);
}

function indent(text: string): string {
  return text
    .split("\n")
    .filter((line) => line.trim())
    .slice(-6)
    .map((line) => `  ${line.trim()}`)
    .join("\n");
}
