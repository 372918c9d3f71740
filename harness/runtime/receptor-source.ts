import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { execa } from "execa";
import { UsageError } from "../errors.js";

export const receptorModule = "github.com/ansible/receptor";

/** A Receptor source tree on this machine (a clone, or a module source directory). */
export interface LocalReceptorSource {
  path: string;
  /** Of every Go file, go.mod and go.sum: a build and an image per content. */
  contentHash: string;
  /** The tree's git commit, when it is a clone. */
  commit?: string;
}

/**
 * Checks that `path` is a Receptor source tree (its go.mod declares github.com/ansible/receptor)
 * and identifies its content: the build is cached per content, and reported as
 * `local-<commit>` (or `local-<content hash>` without git).
 */
export async function localReceptorSource(path: string): Promise<LocalReceptorSource & { label: string }> {
  const root = resolve(path);
  const goMod = join(root, "go.mod");
  if (!existsSync(goMod)) throw new UsageError(`'${path}' is not a Receptor source tree (no go.mod in ${root})`, "Point --receptor at a clone of github.com/ansible/receptor, or at a version like 1.6.5.");
  const declared = /^module\s+(\S+)/m.exec(await readFile(goMod, "utf8"))?.[1];
  if (declared !== receptorModule) {
    throw new UsageError(`'${path}' is not a Receptor source tree: its go.mod declares module ${declared ?? "(none)"}, not ${receptorModule}`, "Point --receptor at a clone of github.com/ansible/receptor.");
  }
  const contentHash = await treeHash(root);
  const commit = await gitCommit(root);
  return { path: root, contentHash, ...(commit ? { commit } : {}), label: `local-${commit ?? contentHash}` };
}

async function treeHash(root: string): Promise<string> {
  const hash = createHash("sha256");
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === ".git" || entry.name === "node_modules") continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/\.go$|^go\.(mod|sum)$/.test(entry.name)) hash.update(`${relative(root, full)}\0`).update(await readFile(full));
    }
  };
  await walk(root);
  return hash.digest("hex").slice(0, 12);
}

/** The short commit of a clean git clone; a clone with changes gets its content hash instead. */
async function gitCommit(root: string): Promise<string | undefined> {
  if (!existsSync(join(root, ".git"))) return undefined;
  const head = await execa("git", ["-C", root, "rev-parse", "--short=12", "HEAD"], { reject: false, timeout: 10_000 });
  const dirty = await execa("git", ["-C", root, "status", "--porcelain"], { reject: false, timeout: 30_000 });
  return head.exitCode === 0 && dirty.exitCode === 0 && dirty.stdout.trim() === "" ? head.stdout.trim() : undefined;
}
