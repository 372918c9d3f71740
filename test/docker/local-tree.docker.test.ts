import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, inject, it } from "vitest";
import "./provided.js";
import "../../harness/vitest.js";
import { startLab } from "../../harness/api/start-lab.js";
import { runtime } from "./lab-fixture.js";

const work = mkdtempSync(join(tmpdir(), "rlab-tree-"));
const marker = "Initialization complete (receptor-lab local tree)";

/** Receptor's 1.6.5 module source, copied as a developer's tree with one visible change. */
async function changedTree(): Promise<string> {
  const download = await execa("go", ["mod", "download", "-json", `github.com/ansible/receptor@v${inject("receptorVersion")}`], {
    cwd: work,
    env: { GONOSUMDB: "github.com/ansible/receptor", GOFLAGS: "-mod=mod" },
    timeout: 300_000,
  });
  const tree = join(work, "receptor");
  cpSync((JSON.parse(download.stdout) as { Dir: string }).Dir, tree, { recursive: true });
  await execa("chmod", ["-R", "u+w", tree]);
  const main = join(tree, "cmd", "receptor-cl", "receptor.go");
  chmodSync(main, 0o644);
  writeFileSync(main, readFileSync(main, "utf8").replace('logger.Info("Initialization complete\\n")', `logger.Info("${marker}\\n")`));
  return tree;
}

describe("--receptor <path>: the Receptor a developer is changing", () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("builds a local source tree into the node image, reports it as local-<id>, and runs it", { timeout: 600_000 }, async () => {
    const tree = await changedTree();
    const started = Date.now();
    await using lab = await startLab("simple", { runtime, receptor: tree });
    process.stderr.write(`[local tree] image built and lab up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    expect(lab.receptorVersion).toMatch(/^local-[0-9a-f]{12}$/);
    expect((await lab.client("relayer01").status()).Version).toBe(lab.receptorVersion);
    expect(await lab.logs("relayer01")).toContain(marker);
    await expect(lab).toConvergeRoutes();
  });
});
