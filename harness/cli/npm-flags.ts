import { UsageError } from "../errors.js";
import type { Environment } from "./colour.js";

/** The package.json scripts that run the CLI. */
const cliScripts = new Set(["scenario", "lab", "chaos"]);
const booleanFlags = ["all", "quick", "keep", "json", "rebuild", "debug", "step", "web", "fail-on-known"];
/** `--no-shrink` reaches npm as shrink=false. */
const negatedFlags = ["shrink", "baseline"];
const valueFlags = ["repeat", "receptor", "receptorctl", "report-dir", "lab", "timeout", "image", "baseline", "parallel", "wait", "tail", "mode", "interval", "port", "seed", "steps", "duration", "faults", "workload", "shrink-budget", "out"];

/**
 * `npm run scenario normal --quick` hands `--quick` to npm, which keeps it as its own config
 * (npm_config_quick=true) and passes only `normal`. Under our npm scripts, put the harness's
 * boolean flags back; a flag with a value cannot be put back (npm passed its value on as a
 * positional), so that is refused with the spelling that works.
 */
export function restoreNpmFlags(argv: string[], env: Environment): string[] {
  const script = env.npm_lifecycle_event;
  if (script === undefined || !cliScripts.has(script)) return argv;
  const taken = (flag: string) => env[`npm_config_${flag.replaceAll("-", "_")}`] === "true" && !argv.includes(`--${flag}`);
  const swallowed = valueFlags.filter(taken);
  if (swallowed.length > 0) {
    const flags = swallowed.map((flag) => `--${flag} <value>`).join(" ");
    throw new UsageError(
      `npm took ${swallowed.map((flag) => `--${flag}`).join(", ")} as its own option, so its value arrived as a name`,
      `Put the harness's options after '--', which npm passes on untouched: npm run ${script} -- … ${flags}`,
    );
  }
  const negated = negatedFlags.filter((flag) => env[`npm_config_${flag}`] === "false" && !argv.includes(`--no-${flag}`));
  return [...argv, ...booleanFlags.filter(taken).map((flag) => `--${flag}`), ...negated.map((flag) => `--no-${flag}`)];
}
