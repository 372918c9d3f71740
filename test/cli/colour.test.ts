import { describe, expect, it } from "vitest";
import { colourLevel } from "../../harness/cli/colour.js";

describe("colourLevel", () => {
  it("colours a terminal and never a redirected stream", () => {
    expect(colourLevel({ TERM: "xterm" }, true)).toBe(1);
    expect(colourLevel({ TERM: "xterm-256color" }, true)).toBe(2);
    expect(colourLevel({ TERM: "xterm" }, false)).toBe(0);
  });

  it("treats an empty NO_COLOR or FORCE_COLOR as unset", () => {
    expect(colourLevel({ NO_COLOR: "" }, true)).toBe(1);
    expect(colourLevel({ FORCE_COLOR: "" }, false)).toBe(0);
  });

  it("follows a set NO_COLOR over everything, and a set FORCE_COLOR even into a file", () => {
    expect(colourLevel({ NO_COLOR: "1", FORCE_COLOR: "3" }, true)).toBe(0);
    expect(colourLevel({ FORCE_COLOR: "1" }, false)).toBe(1);
    expect(colourLevel({ FORCE_COLOR: "3" }, false)).toBe(3);
    expect(colourLevel({ FORCE_COLOR: "true" }, false)).toBe(1);
    expect(colourLevel({ FORCE_COLOR: "0" }, true)).toBe(0);
    expect(colourLevel({ FORCE_COLOR: "false" }, true)).toBe(0);
  });

  it("gives a dumb terminal no colour", () => {
    expect(colourLevel({ TERM: "dumb" }, true)).toBe(0);
  });
});
