import type { LiveView } from "../scenario/live-view.js";
import { watchFrame } from "./watch-render.js";

const csi = "\u001b[";

/**
 * The live view redrawn in place on a terminal: the alternate screen (what was on the terminal
 * comes back afterwards), the cursor hidden, each frame written over the last one line by line
 * (no clear, so no flicker). The terminal is restored on close, and on any exit before it.
 */
export class WatchScreen {
  private readonly restore = () => this.out.write(`${csi}?25h${csi}?1049l`);

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly intervalMs: number,
  ) {}

  open(): void {
    this.out.write(`${csi}?1049h${csi}?25l${csi}2J`);
    process.once("exit", this.restore);
  }

  draw(view: LiveView): void {
    const lines = watchFrame(view, { columns: this.out.columns || 80, rows: this.out.rows || 24 }, this.intervalMs);
    this.out.write(`${csi}H${lines.map((line) => `${line}${csi}K`).join("\n")}${csi}J`);
  }

  close(): void {
    process.removeListener("exit", this.restore);
    this.restore();
  }
}
