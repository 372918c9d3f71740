import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { startLab } from "../../harness/api/start-lab.js";
import { watchCommand } from "../../harness/cli/commands/watch.js";
import { waitUntil } from "../../harness/wait-until.js";
import { systemClock } from "../../harness/clock.js";
import { openLab } from "../../harness/api/open-lab.js";
import type { CliContext } from "../../harness/cli/cli-context.js";
import { fakeCliContext } from "../fakes/fake-cli-context.js";
import { fakeMesh } from "../fakes/fake-mesh.js";
import { WatchableRuntime } from "../fakes/watchable-runtime.js";
import { loadBuiltin } from "../topology/builtin.js";

/** `watch` decides between redrawing and plain lines from these; a test run may sit on a terminal. */
const streams = [process.stdout, process.stdin] as const;
const wasTTY = streams.map((stream) => Object.getOwnPropertyDescriptor(stream, "isTTY"));
beforeEach(() => streams.forEach((stream) => Object.defineProperty(stream, "isTTY", { value: false, configurable: true })));
afterEach(() => streams.forEach((stream, index) => (wasTTY[index] ? Object.defineProperty(stream, "isTTY", wasTTY[index]!) : delete (stream as { isTTY?: boolean }).isTTY)));

describe("receptor-lab watch into a pipe", () => {
  it("prints one plain line per event as a fault lands elsewhere, and ends with exit 0 when the lab is removed", async () => {
    const topology = await loadBuiltin("redundant");
    const runtime = new WatchableRuntime();
    const meshClients = fakeMesh(topology);
    const started = await startLab(topology, { runtime, meshClients, runId: "watched" });
    await runtime.serve("watched", topology);
    onTestFinished(() => runtime.close());
    const { context, printed: lines } = fakeCliContext(runtime, meshClients);
    const until = async (what: (all: string) => boolean) => {
      const outcome = await waitUntil(systemClock, async () => lines.join("\n"), what, { timeoutMs: 5_000, intervalMs: 10, consecutive: 1 });
      expect(outcome.ok, lines.join("\n")).toBe(true);
    };

    const watching = watchCommand(["--lab", "watched", "--interval", "50"], context);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(lines).toEqual([]);

    // another terminal: receptor-lab stop relayer01
    await (await openLab("watched", { runtime, meshClients })).faults.stop("relayer01");
    await until((all) => all.includes("executor01 via relayer02"));
    await started.destroy();
    expect(await watching).toBe(0);

    expect(lines.slice(0, 3).map((line) => line.replace(/^\d\d:\d\d:\d\d\.\d{3} /, ""))).toEqual([
      "fault stop relayer01",
      "node  relayer01 down (container stopped)",
      expect.stringMatching(/^route controller01: executor01 via relayer02 \(was relayer01\)/),
    ]);
    expect(lines.at(-1)).toBe("Lab watched is gone (removed); stopped watching.");
    expect(lines.join("\n")).not.toContain("\u001b");
  });

  it("refuses --port without --web, and a bad interval, with exit 2", async () => {
    const context = { openLab: () => Promise.reject(new Error("must not open")) } as unknown as CliContext;
    await expect(watchCommand(["--port", "8000"], context)).rejects.toMatchObject({ exitCode: 2, message: "--port goes with --web" });
    await expect(watchCommand(["--interval", "fast"], context)).rejects.toMatchObject({ exitCode: 2, message: "--interval takes a whole number from 50 to 60000, got 'fast'" });
  });
});
