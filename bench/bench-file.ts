import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

/** What every bench file records of the machine it ran on. */
export function machine() {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

/** Writes `results` to reports/bench/<prefix><start time>.json and prints them with the file's path. */
export async function writeBenchFile(prefix: string, startedAt: Date, results: unknown): Promise<string> {
  const dir = join(process.cwd(), "reports", "bench");
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${prefix}${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\nwritten to ${file}\n`);
  return file;
}
