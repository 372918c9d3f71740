import { EnvironmentError, UsageError } from "../errors.js";

/** Tools the lab runs inside nodes besides sh (see network-rules, traffic-delay, process-probe, …) and what needs each. */
export const nodeTools: Record<string, string[]> = {
  iptables: ["partition faults", "loss faults", "delay faults"],
  python3: ["delay faults"],
  setsid: ["delay faults"],
  ss: ["delay faults"],
  grep: ["delay faults"],
  seq: ["delay faults"],
  sleep: ["delay faults"],
  base64: ["reconfigure steps", "work-unit file checks"],
  cat: ["reconfigure steps"],
  sed: ["process checks"],
  tr: ["process checks"],
};

/**
 * One shell script for the throwaway container: receptor's version, whether receptorctl runs
 * (1.6.5 has no --version, and `receptorctl version` needs a node) and its version as its own
 * Python reports it, and which of `nodeTools` are missing. Sections: `=== <name>` … `=== exit <code>`.
 */
export function probeScript(): string {
  return [
    "echo '=== receptor'",
    "receptor --version 2>&1",
    'echo "=== exit $?"',
    "echo '=== receptorctl'",
    "out=$(receptorctl --help 2>&1)",
    "rc=$?",
    'if [ "$rc" = 0 ]; then',
    "  out=unknown",
    '  IFS= read -r first < "$(command -v receptorctl)" || true',
    `  case "$first" in "#!"*) out=$(\${first#??} -c 'import importlib.metadata as m; print(m.version("receptorctl"))' 2>/dev/null) || out=unknown ;; esac`,
    "fi",
    "printf '%s\\n' \"$out\"",
    'echo "=== exit $rc"',
    "echo '=== missing'",
    `for tool in ${Object.keys(nodeTools).join(" ")}; do command -v "$tool" >/dev/null 2>&1 || echo "$tool"; done`,
  ].join("\n");
}

export interface CommandOutcome {
  /** -1: the script never reported it. */
  exitCode: number;
  output: string;
}

export interface ProbeReport {
  receptor: CommandOutcome;
  receptorctl: CommandOutcome;
  missingTools: string[];
}

/** Splits the script's output back into its sections. */
export function parseProbe(stdout: string): ProbeReport {
  const sections = new Map<string, { lines: string[]; exitCode: number }>();
  let current: { lines: string[]; exitCode: number } | undefined;
  for (const line of stdout.split("\n")) {
    const exit = /^=== exit (\d+)$/.exec(line);
    const header = /^=== (\S+)$/.exec(line);
    if (exit && current) {
      current.exitCode = Number(exit[1]);
      current = undefined;
    } else if (header) {
      current = { lines: [], exitCode: -1 };
      sections.set(header[1]!, current);
    } else if (current) {
      current.lines.push(line);
    }
  }
  const outcome = (name: string): CommandOutcome => {
    const section = sections.get(name);
    return { exitCode: section?.exitCode ?? -1, output: (section?.lines ?? []).join("\n").trim() };
  };
  return {
    receptor: outcome("receptor"),
    receptorctl: outcome("receptorctl"),
    missingTools: (sections.get("missing")?.lines ?? []).map((line) => line.trim()).filter(Boolean),
  };
}

/** The first version number in a command's output (1.6.5, 1.6.5+12.gabc123, v1.7.0-rc1), else "unknown". */
export function versionIn(output: string): string {
  return /\d+\.\d+\.\d+[^\s,;)]*/.exec(output)?.[0] ?? "unknown";
}

/**
 * What a lab records as the Receptor of a ready image: what receptor reports, `@`, the image
 * reference (`1.6.5@my-ci/receptor:dev`). Images the harness builds are labelled with the plain version.
 */
export function readyImageLabel(receptorVersion: string, ref: string): string {
  return `${receptorVersion}@${ref}`;
}

export interface ReadyImageFacts {
  receptorVersion: string;
  receptorctlVersion: string;
  missingTools: string[];
}

/** The versions and missing tools of a probe, or a UsageError naming what does not run. */
export function readyImageFacts(ref: string, report: ProbeReport): ReadyImageFacts {
  const broken = (["receptor", "receptorctl"] as const).filter((name) => report[name].exitCode !== 0);
  if (broken.length > 0) {
    const receptorVersion = report.receptor.exitCode === 0 ? versionIn(report.receptor.output) : "unknown";
    const how = (name: (typeof broken)[number]) => {
      const { exitCode, output } = report[name];
      const command = name === "receptor" ? "receptor --version" : "receptorctl --help";
      const said = output ? `: ${output.split("\n").slice(-3).join(" / ")}` : " and printed nothing";
      return exitCode < 0 ? `'${command}' never ran` : `'${command}' exited with ${exitCode}${said}`;
    };
    throw new UsageError(
      `the image ${ref} has no working ${broken.join(" and no working ")} (${broken.map(how).join("; ")})`,
      `A ready image needs both receptor and receptorctl on PATH (receptorctl: e.g. 'pip install receptorctl==${receptorVersion === "unknown" ? "<receptor's version>" : receptorVersion}'); or leave out --image and receptor-lab builds one.`,
    );
  }
  return {
    receptorVersion: versionIn(report.receptor.output),
    receptorctlVersion: report.receptorctl.output.split("\n").at(-1)?.trim() || "unknown",
    missingTools: report.missingTools,
  };
}

/** Which faults and checks will not work without `missing` (empty: all will). */
export function missingToolsWarning(ref: string, missing: string[]): string | undefined {
  if (missing.length === 0) return undefined;
  const needs = [...new Set(missing.flatMap((tool) => nodeTools[tool] ?? []))];
  return `the image ${ref} has no ${missing.join(", ")}: ${needs.join(", ").replace(/, ([^,]*)$/, " and $1")} will not work in its labs`;
}

/**
 * The error for a probe container that could not start: no `sh` is the image's fault (nothing
 * else the lab does in a node works without it), anything else the engine's.
 */
export function probeStartFailure(ref: string, error: Error): Error {
  if (/executable file not found|no such file or directory/i.test(error.message) && /\bsh\b/.test(error.message)) {
    return new UsageError(`the image ${ref} has no sh, which the lab runs every fault and check with`, "Use an image with a POSIX shell on PATH (busybox's will do).", { cause: error });
  }
  return new EnvironmentError(`could not run a container of ${ref} to check it: ${error.message}`, "Check 'docker info' and that the image runs on this engine's architecture.", {
    cause: error,
  });
}
