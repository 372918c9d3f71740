import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import type Docker from "dockerode";
import { afterEach, describe, expect, it } from "vitest";
import { EnvironmentError } from "../../harness/errors.js";
import { silentProgress } from "../../harness/progress.js";
import { importRootfs } from "../../harness/runtime/base-image.js";
import { goArchOf } from "../../harness/runtime/receptor-binary.js";

describe("the Docker engine's architecture as a GOARCH", () => {
  it.each([
    ["x86_64", "amd64"],
    ["aarch64", "arm64"],
    ["amd64", "amd64"],
    ["arm64", "arm64"],
  ])("%s → %s", (engine, goarch) => {
    expect(goArchOf(engine)).toBe(goarch);
  });

  it("has none for architectures we do not build for", () => {
    expect(goArchOf("s390x")).toBeUndefined();
    expect(goArchOf("")).toBeUndefined();
  });
});

/** Just enough of dockerode for `docker import`: `onImport` decides how the import ends. */
function fakeDocker(onImport: (archive: NodeJS.ReadableStream, done: (error: Error | null) => void) => void) {
  const removed: string[] = [];
  const docker = {
    importImage(archive: NodeJS.ReadableStream, _options: unknown, callback: (error: Error | null, stream?: NodeJS.ReadableStream) => void) {
      onImport(archive, (error) => (error ? callback(error) : callback(null, Readable.from([]))));
    },
    modem: { followProgress: (_stream: unknown, done: (error: Error | null) => void) => done(null) },
    getImage: (tag: string) => ({ remove: async () => void removed.push(tag) }),
  };
  return { docker: docker as unknown as Docker, removed };
}

describe("importing a debootstrapped root filesystem", () => {
  let dir = "";
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("fails when tar fails, and removes what docker imported from the truncated stream", async () => {
    const { docker, removed } = fakeDocker((archive, done) => {
      archive.resume();
      archive.on("end", () => done(null));
    });
    const missing = join(tmpdir(), "receptor-lab-no-such-rootfs");
    const error = await importRootfs(docker, missing, "receptor-lab-base:test", silentProgress).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect((error as Error).message).toMatch(/^'tar -C .*receptor-lab-no-such-rootfs --numeric-owner -c \.' failed with exit code 2; its stderr ends with:\n {2}tar: /);
    expect(removed).toEqual(["receptor-lab-base:test"]);
  });

  it("reports docker's error and stops tar when the import fails", async () => {
    dir = await mkdtemp(join(tmpdir(), "receptor-lab-rootfs-"));
    await writeFile(join(dir, "big"), Buffer.alloc(8 * 1024 * 1024)); // far more than a pipe holds
    const { docker, removed } = fakeDocker((_archive, done) => done(new Error("no space left on device")));
    const started = Date.now();
    await expect(importRootfs(docker, dir, "receptor-lab-base:test", silentProgress)).rejects.toThrow("docker import of receptor-lab-base:test failed: no space left on device");
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(removed).toEqual([]);
  });
});
