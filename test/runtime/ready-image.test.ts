import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../../harness/errors.js";
import { silentProgress, type Progress } from "../../harness/progress.js";
import { ensureReadyImage, readyImageLaunch, type ProbeRunner } from "../../harness/runtime/ready-image.js";
import { CONFIG_PATH } from "../../harness/topology/receptor-config.js";

/** An engine that holds the images in `images` (ref → id) and answers pulls with `pullError`. */
function fakeDocker(images: Record<string, string>, pullError?: string) {
  const pulls: string[] = [];
  const docker = {
    getImage: (ref: string) => ({
      inspect: async () => {
        if (!images[ref]) throw Object.assign(new Error(`no such image: ${ref}`), { statusCode: 404 });
        return { Id: images[ref] };
      },
    }),
    pull: (ref: string, callback: (error: Error | null) => void) => {
      pulls.push(ref);
      callback(new Error(pullError ?? "unexpected pull"));
    },
  };
  return { docker: docker as unknown as Docker, pulls };
}

const healthyProbe = ["=== receptor", "1.6.5", "=== exit 0", "=== receptorctl", "1.6.5", "=== exit 0", "=== missing", "python3", ""].join("\n");

describe("a ready image (--image)", () => {
  let cacheDir = "";
  const probes: string[] = [];
  const run: ProbeRunner = async (image) => {
    probes.push(image);
    return { exitCode: 0, stdout: healthyProbe, stderr: "" };
  };
  beforeEach(() => {
    cacheDir = mkdtempSync(join(tmpdir(), "rlab-ready-"));
    probes.length = 0;
  });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  it("is probed once by image id, labelled with receptor's version and the ref, and warns about missing tools", async () => {
    const { docker } = fakeDocker({ "my-ci/receptor:dev": "sha256:abc" });
    const warnings: string[] = [];
    const progress: Progress = { ...silentProgress, warn: (message) => warnings.push(message) };
    const first = await ensureReadyImage(docker, "my-ci/receptor:dev", progress, { cacheDir }, run);
    const second = await ensureReadyImage(docker, "my-ci/receptor:dev", silentProgress, { cacheDir }, run);
    expect(first).toEqual({ tag: "my-ci/receptor:dev", receptorVersion: "1.6.5@my-ci/receptor:dev", built: false, missingTools: ["python3"] });
    expect(second).toEqual(first);
    expect(probes).toEqual(["sha256:abc"]);
    expect(warnings).toEqual(["the image my-ci/receptor:dev has no python3: delay faults will not work in its labs"]);
  });

  it("is probed again with rebuild", async () => {
    const { docker } = fakeDocker({ "my:img": "sha256:abc" });
    await ensureReadyImage(docker, "my:img", silentProgress, { cacheDir }, run);
    await ensureReadyImage(docker, "my:img", silentProgress, { cacheDir, rebuild: true }, run);
    expect(probes).toHaveLength(2);
  });

  it("that is not here and cannot be pulled is a usage error saying why", async () => {
    const { docker, pulls } = fakeDocker({}, "dial tcp: lookup registry-1.docker.io: no such host");
    const error = await ensureReadyImage(docker, "my:img", silentProgress, { cacheDir }, run).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe("no image my:img on the Docker engine, and pulling it failed: dial tcp: lookup registry-1.docker.io: no such host");
    expect((error as UsageError).hint).toContain("docker load");
    expect(pulls).toEqual(["my:img"]);
    expect(probes).toEqual([]);
  });

  it("is not pulled offline", async () => {
    const { docker, pulls } = fakeDocker({});
    const error = await ensureReadyImage(docker, "my:img", silentProgress, { cacheDir, offline: true }, run).catch((caught: Error) => caught);
    expect((error as Error).message).toContain("RECEPTOR_LAB_OFFLINE=1");
    expect(pulls).toEqual([]);
  });

  it("without sh is a usage error", async () => {
    const { docker } = fakeDocker({ "my:img": "sha256:abc" });
    const noShell: ProbeRunner = async () => {
      throw new Error('OCI runtime create failed: exec: "sh": executable file not found in $PATH');
    };
    await expect(ensureReadyImage(docker, "my:img", silentProgress, { cacheDir }, noShell)).rejects.toThrow(UsageError);
  });
});

describe("how lab containers start", () => {
  it("leaves the images the harness builds to their own entrypoint", () => {
    expect(readyImageLaunch("receptor-lab-node:1.6.5-0123456789ab")).toBeUndefined();
  });

  it("runs a ready image's receptor on the lab's config as root, with the delay proxy", () => {
    const launch = readyImageLaunch("quay.io/ansible/awx-ee:latest")!;
    expect([...launch.entrypoint, ...launch.cmd]).toEqual(["receptor", "-c", CONFIG_PATH]);
    expect(launch.user).toBe("0");
    expect(launch.env).toContain("RECEPTORCTL_SOCKET=/tmp/receptor.sock");
    expect(Object.keys(launch.files)).toEqual(["/opt/receptor-lab/delay-proxy.py"]);
  });
});
