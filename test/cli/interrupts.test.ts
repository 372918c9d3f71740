import { describe, expect, it } from "vitest";
import { Interrupts } from "../../harness/cli/interrupts.js";

type Signalled = { onSignal(signal: string): Promise<void> };

describe("Ctrl-C while a command only looks", () => {
  it("goes to the command's own handler, once: no cleanup message, no cleanup", async () => {
    const said: string[] = [];
    const interrupts = new Interrupts((message) => said.push(message));
    const cleaned: string[] = [];
    interrupts.register(async () => cleaned.push("lab"));
    const seen: string[] = [];
    interrupts.intercept((signal) => seen.push(signal));
    await (interrupts as unknown as Signalled).onSignal("SIGINT");
    expect(seen).toEqual(["SIGINT"]);
    expect(cleaned).toEqual([]);
    expect(said).toEqual([]);
  });

  it("stops intercepting once released", () => {
    const interrupts = new Interrupts(() => {});
    const release = interrupts.intercept(() => {});
    release();
    expect((interrupts as unknown as { interceptor?: unknown }).interceptor).toBeUndefined();
  });
});
