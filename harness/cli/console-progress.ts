import chalk from "chalk";
import type { Progress } from "../progress.js";

/** Colours only on a terminal and never with NO_COLOR. */
export function configureColour(stream: NodeJS.WriteStream = process.stdout): void {
  if (process.env.NO_COLOR !== undefined || !stream.isTTY) chalk.level = 0;
}

/** Renders progress on stderr, so stdout stays clean for `--json` and piped output. */
export class ConsoleProgress implements Progress {
  private readonly started = Date.now();

  constructor(
    private readonly out: NodeJS.WritableStream = process.stderr,
    private readonly showDetail = true,
  ) {}

  step(message: string): void {
    this.out.write(`${chalk.gray(this.offset())} ${chalk.cyan("▸")} ${message}\n`);
  }

  detail(line: string): void {
    if (this.showDetail) this.out.write(`${chalk.gray(`         │ ${line}`)}\n`);
  }

  warn(message: string): void {
    this.out.write(`${chalk.gray(this.offset())} ${chalk.yellow("!")} ${chalk.yellow(message)}\n`);
  }

  private offset(): string {
    return `+${((Date.now() - this.started) / 1000).toFixed(1)}s`.padStart(7);
  }
}
