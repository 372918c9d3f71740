import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pack } from "tar-fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import "./provided.js";
import { runScenario } from "../../harness/index.js";
import { runCli } from "../cli/run-cli.js";
import { docker } from "./lab-fixture.js";

const myImage = "rlab-test/my-receptor:ci";
const noReceptorctl = "rlab-test/no-receptorctl:ci";

/** Builds `tag` from a Dockerfile's text (no other context). */
async function buildImage(tag: string, dockerfile: string): Promise<void> {
  const context = await mkdtemp(join(tmpdir(), "rlab-user-image-"));
  try {
    await writeFile(join(context, "Dockerfile"), dockerfile);
    const stream = await docker.buildImage(pack(context) as unknown as NodeJS.ReadableStream, { t: tag, rm: true, forcerm: true });
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (error: Error | null, events: Array<{ error?: string }>) => {
        const failed = error?.message ?? events.find((event) => event.error)?.error;
        return failed ? reject(new Error(`building ${tag}: ${failed}`)) : resolve();
      }),
    );
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

/** `receptor-lab … --image <ref>`: a ready image a user's CI built, instead of one receptor-lab builds. */
describe("a ready image (--image)", () => {
  beforeAll(async () => {
    const base = inject("nodeImage");
    // our node image with an entrypoint, command and user of its own, which the lab must not depend on
    await buildImage(myImage, `FROM ${base}\nENTRYPOINT ["sh", "-c", "echo not the lab's entrypoint; exit 3"]\nCMD ["ignored"]\nUSER nobody\n`);
    await buildImage(noReceptorctl, `FROM ${base}\nRUN rm -f /usr/local/bin/receptorctl\n`);
  });

  afterAll(async () => {
    for (const tag of [myImage, noReceptorctl]) await docker.getImage(tag).remove({ force: true }).catch(() => {});
  });

  it("runs a scenario, and its report names the image", { timeout: 300_000 }, async () => {
    const { run, document } = await runScenario("normal", { image: myImage, quick: true });
    expect(run.error).toBeUndefined();
    expect(run.verdict).toBe("passed");
    expect(document.receptorVersion).toBe(`${inject("receptorVersion")}@${myImage}`);
  });

  it("without receptorctl stops the CLI with exit 2 before any lab exists", { timeout: 120_000 }, async () => {
    const labContainers = async () => (await docker.listContainers({ all: true, filters: { label: ["receptor-lab.run"] } })).map((info) => info.Id);
    const before = await labContainers();
    const result = await runCli(["scenario", "normal", "--image", noReceptorctl]);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toContain(`the image ${noReceptorctl} has no working receptorctl`);
    expect((await labContainers()).filter((id) => !before.includes(id))).toEqual([]);
  });
});
