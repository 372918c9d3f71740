import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EnvironmentError, UsageError } from "../../harness/errors.js";
import { versionsFor } from "../../harness/runtime/node-versions.js";
import { parseReceptorSpec } from "../../harness/receptor-spec.js";
import { resolveOnProxy } from "../../harness/runtime/receptor-query.js";

const pseudo = "v1.6.6-0.20260501120000-8e4ba7e3f3f5";

/** A Go module proxy in a folder (GOPROXY=file://…): the protocol `go` speaks to proxy.golang.org. */
function folderProxy(): { goEnv: NodeJS.ProcessEnv; cacheDir: string } {
  const root = mkdtempSync(join(tmpdir(), "rlab-goproxy-"));
  const versions = join(root, "proxy", "github.com", "ansible", "receptor", "@v");
  mkdirSync(versions, { recursive: true });
  const info = JSON.stringify({ Version: pseudo, Time: "2026-05-01T12:00:00Z" });
  writeFileSync(join(versions, `${pseudo}.info`), info);
  writeFileSync(join(versions, "8e4ba7e3f3f5.info"), info);
  writeFileSync(join(versions, `${pseudo}.mod`), "module github.com/ansible/receptor\n");
  writeFileSync(join(versions, "list"), "");
  return {
    goEnv: { GOPROXY: `file://${join(root, "proxy")}`, GOSUMDB: "off", GOMODCACHE: join(root, "modcache"), GOFLAGS: "-mod=mod" },
    cacheDir: join(root, "cache"),
  };
}

describe("--receptor <version | commit | pseudo-version | path>", () => {
  it("tells a release, a commit, a pseudo-version and a path apart", () => {
    expect(parseReceptorSpec("1.6.5")).toEqual({ kind: "release", version: "1.6.5" });
    expect(parseReceptorSpec("v1.4.11")).toEqual({ kind: "release", version: "1.4.11" });
    expect(parseReceptorSpec("8e4ba7e3f3f5")).toEqual({ kind: "module-query", query: "8e4ba7e3f3f5" });
    expect(parseReceptorSpec(pseudo.slice(1))).toEqual({ kind: "module-query", query: pseudo });
    expect(parseReceptorSpec("../receptor")).toEqual({ kind: "path", path: "../receptor" });
  });

  it("refuses what is none of them, saying what it takes", () => {
    expect(() => parseReceptorSpec("latest")).toThrow(UsageError);
    expect(() => parseReceptorSpec("latest")).toThrow(/not a Receptor version, commit or source tree/);
  });

  it("resolves a commit to its pseudo-version through the module proxy, and builds that", async () => {
    const { goEnv, cacheDir } = folderProxy();
    expect(await resolveOnProxy("8e4ba7e3f3f5", { cacheDir, env: goEnv })).toBe(pseudo.slice(1));
    const versions = await versionsFor({ receptor: "8e4ba7e3f3f5", cacheDir, goEnv });
    expect(versions.receptor).toBe(pseudo.slice(1));
    // PyPI has no receptorctl for a commit: the pinned one
    expect(versions.receptorctl).toBe("1.6.5");
  });

  it("stops with bad input when the proxy refuses a version or commit, before anything is built", async () => {
    const { goEnv, cacheDir } = folderProxy();
    const refused = versionsFor({ receptor: "abcdef123456", cacheDir, goEnv });
    await expect(refused).rejects.toBeInstanceOf(UsageError);
    await expect(refused).rejects.toThrow(/the Go module proxy does not serve github.com\/ansible\/receptor@abcdef123456/);
    await expect(versionsFor({ receptor: "9.9.9", cacheDir, goEnv })).rejects.toThrow(/does not serve github.com\/ansible\/receptor@v9.9.9/);
  });

  it("asks nothing about a release that is already built (offline works)", async () => {
    const { goEnv, cacheDir } = folderProxy();
    mkdirSync(join(cacheDir, "receptor", "9.9.9", "linux-amd64"), { recursive: true });
    writeFileSync(join(cacheDir, "receptor", "9.9.9", "linux-amd64", "receptor"), "");
    expect((await versionsFor({ receptor: "9.9.9", cacheDir, goEnv })).receptor).toBe("9.9.9");
  });

  it("calls an unreachable proxy an environment problem for a commit", async () => {
    const { cacheDir } = folderProxy();
    const unreachable = { GOPROXY: "http://127.0.0.1:9/", GOSUMDB: "off", GOFLAGS: "-mod=mod", GOMODCACHE: join(cacheDir, "modcache") };
    await expect(resolveOnProxy("abcdef123456", { cacheDir, env: unreachable })).rejects.toBeInstanceOf(EnvironmentError);
  });
});
