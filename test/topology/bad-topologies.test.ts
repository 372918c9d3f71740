import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../harness/errors.js";
import { parseTopology } from "../../harness/topology/load-topology.js";

const folder = join(import.meta.dirname, "..", "fixtures", "bad", "topologies");
const fixtures = readdirSync(folder).filter((file) => file.endsWith(".yaml"));

/** Each fixture's first line says what must be reported: `# expect: <line>: <message start>`. */
function expectation(text: string): { line: number; message: string } {
  const match = /^# expect: (\d+): (.+)$/m.exec(text);
  if (!match) throw new Error("fixture without an '# expect: <line>: <message>' header");
  return { line: Number(match[1]), message: match[2]! };
}

describe("bad topology files", () => {
  it("has a fixture for each kind of mistake", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
  });

  it.each(fixtures)("%s is rejected with its file, line and problem", (fixture) => {
    const file = join(folder, fixture);
    const text = readFileSync(file, "utf8");
    const want = expectation(text);
    let error: unknown;
    try {
      parseTopology(file, text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    const problems = (error as InputError).problems;
    const match = problems.find((problem) => problem.message.startsWith(want.message));
    expect(match, `messages: ${problems.map((problem) => `${problem.location.line}: ${problem.message}`).join(" | ")}`).toBeDefined();
    expect(match!.location).toMatchObject({ file, line: want.line });
    expect((error as InputError).exitCode).toBe(2);
    expect((error as InputError).message).toContain(`${file}:${want.line}:`);
  });
});
