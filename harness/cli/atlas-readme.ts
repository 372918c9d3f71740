import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { UsageError } from "../errors.js";

const start = "<!-- bug-atlas:start -->";
const end = "<!-- bug-atlas:end -->";
const hint = `Put the two marker lines '${start}' and '${end}' where the table belongs; what is between them is replaced.`;

/** Checked before any lab starts: the file exists and holds the atlas markers once, in order. */
export async function checkAtlasTarget(file: string): Promise<void> {
  if (!existsSync(file)) throw new UsageError(`--readme: '${file}' does not exist`, hint);
  const text = await readFile(file, "utf8");
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from || text.indexOf(start, from + 1) >= 0) throw new UsageError(`--readme: '${file}' has no single '${start}' … '${end}' section`, hint);
}

/** Replaces what is between the markers with the atlas as the run wrote it. */
export async function writeAtlasInto(file: string, markdown: string): Promise<void> {
  const text = await readFile(file, "utf8");
  const before = text.slice(0, text.indexOf(start) + start.length);
  const after = text.slice(text.indexOf(end));
  await writeFile(file, `${before}\n${markdown.trimEnd()}\n${after}`);
}
