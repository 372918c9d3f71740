/** CPU and memory of the receptor processes on this host (a lab's containers' too: same kernel). */
import { readdir, readFile } from "node:fs/promises";

const clockTicks = 100;

interface ProcessSample {
  cpuMs: number;
  rssKiB: number;
}

async function sample(pid: string): Promise<ProcessSample | undefined> {
  try {
    if ((await readFile(`/proc/${pid}/comm`, "utf8")).trim() !== "receptor") return undefined;
    const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]!.split(" ");
    const rss = /VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, "utf8"))?.[1];
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command
    return { cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks, rssKiB: Number(rss ?? 0) };
  } catch {
    return undefined;
  }
}

async function receptors(): Promise<Map<string, ProcessSample>> {
  const found = new Map<string, ProcessSample>();
  for (const pid of (await readdir("/proc")).filter((name) => /^\d+$/.test(name))) {
    const taken = await sample(pid);
    if (taken) found.set(pid, taken);
  }
  return found;
}

/** Cores the receptor processes kept busy over `ms`, and their mean resident memory. */
export async function receptorLoad(ms: number): Promise<{ processes: number; cores: number; meanRssMiB: number }> {
  const before = await receptors();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = await receptors();
  let cpu = 0;
  let rss = 0;
  for (const [pid, now] of after) {
    cpu += now.cpuMs - (before.get(pid)?.cpuMs ?? now.cpuMs);
    rss += now.rssKiB;
  }
  return { processes: after.size, cores: Math.round((cpu / ms) * 100) / 100, meanRssMiB: after.size ? Math.round((rss / after.size / 1024) * 10) / 10 : 0 };
}
