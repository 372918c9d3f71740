import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../harness/errors.js";
import { absoluteReplace } from "../../harness/runtime/receptor-binary.js";
import { looksLikePath } from "../../harness/receptor-spec.js";
import { localReceptorSource } from "../../harness/runtime/receptor-source.js";
import { versionsFor } from "../../harness/runtime/node-versions.js";

function tree(module: string, files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "rlab-tree-"));
  writeFileSync(join(root, "go.mod"), `module ${module}\n\ngo 1.22\n`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("a local Receptor source tree as --receptor", () => {
  it("tells a path from a version", () => {
    expect(looksLikePath("./receptor")).toBe(true);
    expect(looksLikePath("/src/receptor")).toBe(true);
    expect(looksLikePath("1.6.5")).toBe(false);
    expect(looksLikePath("v1.4.11")).toBe(false);
  });

  it("labels a tree without git by its content, which changes with any Go file", async () => {
    const root = tree("github.com/ansible/receptor", { "pkg/a.go": "package pkg\n" });
    const first = await localReceptorSource(root);
    expect(first.label).toMatch(/^local-[0-9a-f]{12}$/);
    writeFileSync(join(root, "pkg", "a.go"), "package pkg // changed\n");
    expect((await localReceptorSource(root)).contentHash).not.toBe(first.contentHash);
  });

  it("keeps receptorctl at the pinned release for a tree (PyPI has none for it)", async () => {
    const root = tree("github.com/ansible/receptor");
    const versions = await versionsFor({ receptor: root, cacheDir: mkdtempSync(join(tmpdir(), "rlab-cache-")) });
    expect(versions.receptor).toMatch(/^local-/);
    expect(versions.receptorctl).toBe("1.6.5");
    expect(versions.source?.path).toBe(root);
    expect((await versionsFor({ receptor: root, receptorctl: "1.6.4", cacheDir: tmpdir() })).receptorctl).toBe("1.6.4");
  });

  it("refuses a folder that is not a Receptor tree, before anything starts", async () => {
    await expect(localReceptorSource(tree("example.com/other"))).rejects.toThrow(/is not a Receptor source tree: its go.mod declares module example.com\/other/);
    await expect(localReceptorSource(mkdtempSync(join(tmpdir(), "rlab-empty-")))).rejects.toBeInstanceOf(UsageError);
  });

  it("makes a tree's relative replace directives absolute for our build module", () => {
    expect(absoluteReplace("github.com/x/y => ./third_party/y", "/src/receptor")).toBe("github.com/x/y => /src/receptor/third_party/y");
    expect(absoluteReplace("github.com/x/y => github.com/z/y v1.0.0", "/src/receptor")).toBe("github.com/x/y => github.com/z/y v1.0.0");
  });
});
