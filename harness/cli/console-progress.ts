import type { ChalkInstance } from "chalk";
import type { Progress } from "../progress.js";

/** Renders progress on stderr, so stdout stays clean for `--json` and piped output. */
export class ConsoleProgress implements Progress {
  private readonly started = Date.now();

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly paint: ChalkInstance,
    private readonly showDetail = true,
  ) {}

  step(message: string): void {
    this.out.write(`${this.paint.gray(this.offset())} ${this.paint.cyan("▸")} ${message}\n`);
  }

  detail(line: string): void {
    if (this.showDetail) this.out.write(`${this.paint.gray(`         │ ${line}`)}\n`);
  }

  warn(message: string): void {
    this.out.write(`${this.paint.gray(this.offset())} ${this.paint.yellow("!")} ${this.paint.yellow(message)}\n`);
  }

  private offset(): string {
    return `+${((Date.now() - this.started) / 1000).toFixed(1)}s`.padStart(7);
  }
}
