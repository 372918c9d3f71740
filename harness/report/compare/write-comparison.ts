import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { comparisonHtml } from "./compare-html.js";
import type { Comparison } from "./comparison.js";

/** Writes compare.json and compare.html into `dir` (made if need be); returns their paths. */
export async function writeComparison(dir: string, comparison: Comparison): Promise<{ json: string; html: string }> {
  const target = resolve(dir);
  await mkdir(target, { recursive: true });
  const paths = { json: join(target, "compare.json"), html: join(target, "compare.html") };
  await writeFile(paths.json, `${JSON.stringify(comparison, null, 2)}\n`);
  await writeFile(paths.html, comparisonHtml(comparison, target));
  return paths;
}
