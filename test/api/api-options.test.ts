import { describe, expect, it } from "vitest";
import { durationOption, resolveLabOptions } from "../../harness/api/api-options.js";
import { UsageError } from "../../harness/errors.js";
import { FakeRuntime } from "../fakes/fake-runtime.js";

describe("startLab options", () => {
  it("takes durations as milliseconds or with a unit", () => {
    expect(resolveLabOptions({ within: "15s" }).withinMs).toBe(15_000);
    expect(resolveLabOptions({ within: 2_500 }).withinMs).toBe(2_500);
    expect(resolveLabOptions({}).withinMs).toBe(60_000);
    expect(durationOption("down", "2m")).toBe(120_000);
  });

  it("names the option and the fix for a bad duration", () => {
    expect(() => resolveLabOptions({ within: -1 })).toThrow("Expected `within` to be a duration like 15s, got -1");
    expect(() => resolveLabOptions({ within: "soon" })).toThrow('Expected `within` to be a duration like 15s, got "soon"');
    expect(() => resolveLabOptions({ within: -1 })).toThrow(UsageError);
  });

  it("refuses an unknown option or a wrong type, saying which", () => {
    expect(() => resolveLabOptions({ quik: true } as never)).toThrow(/unknown: quik/);
    expect(() => resolveLabOptions({ quick: "yes" } as never)).toThrow("Expected `quick` to be a boolean, got \"yes\"");
    expect(() => resolveLabOptions({ receptor: "latest" })).toThrow("Expected `receptor` to be a Receptor version like 1.6.5, a commit, a pseudo-version, or the path of a Receptor source tree, got \"latest\"");
    expect(() => resolveLabOptions({ receptor: "1.6.5", image: "my/receptor:ci" })).toThrow("Expected `image` to be either `receptor` or `image`, not both");
    expect(() => resolveLabOptions({ runtime: {} as never })).toThrow("Expected `runtime` to be a LabRuntime");
  });

  it("accepts a runtime of the user's own", () => {
    const runtime = new FakeRuntime();
    expect(resolveLabOptions({ runtime }).runtime).toBe(runtime);
  });
});
