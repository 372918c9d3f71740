import { existsSync } from "node:fs";
import { appendFile, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { FaultPlan } from "../faults/fault-plan.js";

/** A fault applied to a running lab by hand, and when. */
export interface LoggedFault {
  at: string;
  plan: FaultPlan;
}

/**
 * The faults applied by hand to each running lab (`receptor-lab stop relayer01`, …), one JSON
 * line each under `<cacheDir>/labs/`, so the next command (or `watch`) knows what the oracle
 * must assume. Removed with the lab.
 */
export class FaultLog {
  constructor(private readonly dir: string) {}

  async append(runId: string, plan: FaultPlan, at = new Date()): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await appendFile(this.file(runId), `${JSON.stringify({ at: at.toISOString(), plan } satisfies LoggedFault)}\n`);
  }

  async read(runId: string): Promise<LoggedFault[]> {
    if (!existsSync(this.file(runId))) return [];
    const lines = (await readFile(this.file(runId), "utf8")).split("\n").filter((line) => line.trim());
    return lines.map((line) => JSON.parse(line) as LoggedFault);
  }

  /** The log of `runId`, or every log. */
  async remove(runId?: string): Promise<void> {
    if (runId) return rm(this.file(runId), { force: true });
    if (!existsSync(this.dir)) return;
    for (const name of await readdir(this.dir)) if (name.endsWith(".faults.jsonl")) await rm(join(this.dir, name), { force: true });
  }

  private file(runId: string): string {
    return join(this.dir, `${runId}.faults.jsonl`);
  }
}
