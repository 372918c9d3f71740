import { describe, expect, it } from "vitest";
import { restoreNpmFlags } from "../../harness/cli/npm-flags.js";
import { UsageError } from "../../harness/errors.js";

const underNpm = (script: string, config: Record<string, string>) => ({
  npm_lifecycle_event: script,
  ...Object.fromEntries(Object.entries(config).map(([key, value]) => [`npm_config_${key}`, value])),
});

describe("restoreNpmFlags", () => {
  it("puts back the boolean flags npm kept as its own config", () => {
    expect(restoreNpmFlags(["scenario", "normal"], underNpm("scenario", { quick: "true" }))).toEqual(["scenario", "normal", "--quick"]);
    expect(restoreNpmFlags(["scenario"], underNpm("scenario", { all: "true", keep: "true" }))).toEqual(["scenario", "--all", "--keep"]);
    expect(restoreNpmFlags(["status"], underNpm("lab", { json: "true" }))).toEqual(["status", "--json"]);
  });

  it("puts back chaos's flags, --no-shrink (npm's shrink=false) among them", () => {
    expect(restoreNpmFlags(["chaos", "redundant"], underNpm("chaos", { shrink: "false", fail_on_known: "true" }))).toEqual(["chaos", "redundant", "--fail-on-known", "--no-shrink"]);
    expect(() => restoreNpmFlags(["chaos", "redundant", "3"], underNpm("chaos", { seed: "true" }))).toThrow(/npm took --seed as its own option/);
  });

  it("does not double a flag that arrived after '--'", () => {
    expect(restoreNpmFlags(["scenario", "normal", "--quick"], underNpm("scenario", { quick: "true" }))).toEqual(["scenario", "normal", "--quick"]);
  });

  it("refuses a value flag npm swallowed, with the spelling that works", () => {
    const call = () => restoreNpmFlags(["scenario", "normal", "3"], underNpm("scenario", { repeat: "true" }));
    expect(call).toThrow(UsageError);
    expect(call).toThrow(/npm took --repeat as its own option/);
    try {
      call();
    } catch (error) {
      expect((error as UsageError).hint).toContain("npm run scenario -- … --repeat <value>");
    }
    expect(() => restoreNpmFlags(["scenario", "normal", "x"], underNpm("scenario", { report_dir: "true" }))).toThrow(/--report-dir/);
  });

  it("leaves argv alone outside our npm scripts", () => {
    expect(restoreNpmFlags(["scenario", "normal"], { npm_config_quick: "true" })).toEqual(["scenario", "normal"]);
    expect(restoreNpmFlags(["scenario", "normal"], underNpm("test", { quick: "true" }))).toEqual(["scenario", "normal"]);
  });
});
