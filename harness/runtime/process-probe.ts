import type { Lab } from "./lab-runtime.js";

/** What a PID number is inside a node's container right now (the container's PID namespace). */
export interface ProcessProbe {
  pid: number;
  /** The process that number belongs to (itself, or the process of which it is a thread); absent when free. */
  tgid?: number;
  /** That process's command line, arguments joined by spaces. */
  cmdline?: string;
}

/**
 * Looks the PID up in /proc inside the container. /proc/<n> also answers for a thread id, whose
 * Tgid then names the process the thread belongs to. undefined: the node could not be asked.
 */
export async function probePid(lab: Lab, node: string, pid: number): Promise<ProcessProbe | undefined> {
  const script = `[ -r /proc/${pid}/status ] || exit 3; t=$(sed -n 's/^Tgid:[[:space:]]*//p' /proc/${pid}/status); echo "$t"; tr '\\0' ' ' < /proc/$t/cmdline`;
  try {
    const result = await lab.exec(node, ["sh", "-c", script]);
    if (result.exitCode === 3) return { pid };
    if (result.exitCode !== 0) return undefined;
    const [tgid, ...cmdline] = result.stdout.split("\n");
    return { pid, tgid: Number(tgid), cmdline: cmdline.join("\n").trim() };
  } catch {
    return undefined;
  }
}
