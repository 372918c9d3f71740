import chalk, { Chalk, type ChalkInstance, type ColorSupportLevel } from "chalk";

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * How much colour a stream gets. NO_COLOR and FORCE_COLOR count only when set to a non-empty
 * value (no-color.org); NO_COLOR wins. Otherwise colour goes only to a terminal, never into a
 * redirected file or pipe.
 */
export function colourLevel(env: Environment, isTTY: boolean): ColorSupportLevel {
  if (env.NO_COLOR) return 0;
  const force = env.FORCE_COLOR;
  if (force) {
    if (force === "false" || force === "0") return 0;
    const level = Number(force);
    return Number.isInteger(level) && level >= 1 ? (Math.min(level, 3) as ColorSupportLevel) : 1;
  }
  if (!isTTY || env.TERM === "dumb") return 0;
  if (env.COLORTERM === "truecolor" || env.COLORTERM === "24bit") return 3;
  return env.TERM?.includes("256") ? 2 : 1;
}

/**
 * Sets the shared chalk (used for stdout) from stdout and returns a separate one for stderr,
 * so each stream is coloured only if it goes to a terminal.
 */
export function configureColour(env: Environment, stdout: { isTTY?: boolean }, stderr: { isTTY?: boolean }): ChalkInstance {
  chalk.level = colourLevel(env, stdout.isTTY === true);
  return new Chalk({ level: colourLevel(env, stderr.isTTY === true) });
}
