import { UsageError } from "../../errors.js";
import type { LiveUpdate } from "../../scenario/live-view.js";
import { runtimeSources, watchLab } from "../../scenario/live-watch.js";
import type { CliContext, Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";
import { eventLine } from "../watch-render.js";
import { WatchScreen } from "../watch-screen.js";
import { serveLiveView } from "../watch-server.js";

export const usage = "receptor-lab watch [--lab <run-id>] [--interval <ms>] [--web [--port <n>]]";

/**
 * A live view of a running lab, read only: redrawn in place on a terminal, one plain line per
 * event into a pipe, or (--web) a page in the browser. Ends with exit 0 on q, Ctrl-C or when the
 * lab is removed; the lab keeps running.
 */
export const watchCommand: Command = async (args, context) => {
  const { values } = parseOptions(
    args,
    { lab: { type: "string" }, interval: { type: "string", default: "500" }, web: { type: "boolean" }, port: { type: "string" } },
    usage,
    false,
  );
  const intervalMs = wholeNumber("--interval", values.interval, 50, 60_000);
  if (values.port !== undefined && !values.web) throw new UsageError("--port goes with --web", `Usage: ${usage}`);
  const port = values.port === undefined ? 7380 : wholeNumber("--port", values.port, 0, 65_535);
  const lab = await context.openLab(values.lab);
  const sources = runtimeSources(await context.runtime(), lab.runId);

  const screen = !values.web && process.stdout.isTTY ? new WatchScreen(process.stdout, intervalMs) : undefined;
  const onUpdate = screen ? (update: LiveUpdate) => screen.draw(update.view) : (update: LiveUpdate) => update.events.forEach((event) => context.print(eventLine(event)));
  let watch: { ended: Promise<"stopped" | "gone">; close(): Promise<void> };
  if (values.web) {
    const server = await serveLiveView(lab, { ...sources, intervalMs, port, onUpdate });
    context.print(`Live view of lab ${lab.runId}: ${server.url}`);
    context.progress.step("Open it in a browser on this machine; Ctrl-C stops watching (the lab keeps running).");
    watch = server;
  } else {
    if (!screen) context.progress.step(`Watching lab ${lab.runId} (${lab.topology.name}) every ${intervalMs} ms, one line per event; Ctrl-C stops watching.`);
    screen?.open();
    const watching = watchLab(lab, { ...sources, intervalMs, onUpdate });
    watch = { ended: watching.ended, close: () => (watching.stop(), watching.ended.then(() => {}, () => {})) };
  }
  const release = quitOnKeysOrSignal(context, () => void watch.close());
  let how: "stopped" | "gone";
  try {
    how = await watch.ended;
  } finally {
    release();
    screen?.close();
    await watch.close();
  }
  if (how === "gone") context.print(`Lab ${lab.runId} is gone (removed); stopped watching.`);
  return 0;
};

/**
 * q or Ctrl-C on a terminal (read raw, so no signal), or SIGINT/SIGTERM otherwise, ends the
 * watch. Returns what undoes it.
 */
function quitOnKeysOrSignal(context: CliContext, quit: () => void): () => void {
  const unregister = context.interrupts.intercept(quit);
  const input = process.stdin;
  if (!input.isTTY) return unregister;
  const onKey = (key: Buffer) => {
    if (["q", "Q", "\u0003"].includes(key.toString())) quit();
  };
  input.setRawMode(true);
  input.on("data", onKey).resume();
  return () => {
    unregister();
    input.off("data", onKey);
    input.setRawMode(false);
    input.pause();
  };
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!(Number.isInteger(value) && value >= min && value <= max)) throw new UsageError(`${flag} takes a whole number from ${min} to ${max}, got '${text}'`, `Usage: ${usage}`);
  return value;
}
