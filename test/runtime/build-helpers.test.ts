import { describe, expect, it } from "vitest";
import { demultiplex } from "../../harness/runtime/docker-streams.js";
import { replaceDirectives } from "../../harness/runtime/receptor-binary.js";
import { newRunId } from "../../harness/runtime/run-id.js";

describe("replace directives of receptor's go.mod", () => {
  it("finds single-line and block replaces and ignores comments", () => {
    const goMod = [
      "module github.com/ansible/receptor",
      "go 1.21",
      "require github.com/quic-go/quic-go v0.40.1",
      "replace github.com/quic-go/quic-go v0.40.1 => github.com/AaronH88/quic-go v0.0.0-20240925173611-8b838692e0f5 // fork",
      "replace (",
      "  example.com/a => ../a",
      ")",
    ].join("\n");
    expect(replaceDirectives(goMod)).toEqual([
      "github.com/quic-go/quic-go v0.40.1 => github.com/AaronH88/quic-go v0.0.0-20240925173611-8b838692e0f5",
      "example.com/a => ../a",
    ]);
  });

  it("finds none in a go.mod without them", () => {
    expect(replaceDirectives("module x\n\ngo 1.23.9\n")).toEqual([]);
  });
});

describe("Docker stream demultiplexing", () => {
  it("splits frames into stdout and stderr", () => {
    const frame = (type: number, text: string) => {
      const body = Buffer.from(text);
      const header = Buffer.alloc(8);
      header[0] = type;
      header.writeUInt32BE(body.length, 4);
      return Buffer.concat([header, body]);
    };
    const { stdout, stderr } = demultiplex(Buffer.concat([frame(1, "out1 "), frame(2, "err"), frame(1, "out2")]));
    expect(stdout.toString()).toBe("out1 out2");
    expect(stderr.toString()).toBe("err");
  });
});

describe("run ids", () => {
  it("sort by time and end in a random suffix", () => {
    const id = newRunId(new Date("2026-11-22T10:15:00Z"));
    expect(id).toMatch(/^20261122-101500-[a-z0-9]{6}$/);
    expect(newRunId()).not.toBe(newRunId());
  });
});
