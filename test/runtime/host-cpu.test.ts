import { describe, expect, it } from "vitest";
import { busyShare, parseProcStat } from "../../harness/runtime/host-cpu.js";

const stat = (cpu: string) => `cpu  ${cpu}
cpu0 281414 133 92263 1075676 1778 0 4786 151 0 0
cpu1 303040 163 97785 1043271 5965 0 6425 181 0 0
intr 73482312 0 9 0 0 0 0 0 0 0 0
ctxt 129818364
btime 1764480000
`;

describe("/proc/stat", () => {
  it("reads the all-cores line: busy is everything but idle and iowait, steal included, guest not counted twice", () => {
    // user nice system idle iowait irq softirq steal guest guest_nice
    expect(parseProcStat(stat("100 10 50 800 20 5 5 10 40 2"))).toEqual({ busy: 180, total: 1000 });
  });

  it("reads a kernel's shorter line, and nothing from text without one", () => {
    expect(parseProcStat(stat("100 0 100 800"))).toEqual({ busy: 200, total: 1000 });
    expect(parseProcStat("cpu0 1 2 3 4\n")).toBeUndefined();
    expect(parseProcStat("")).toBeUndefined();
  });

  it("turns two readings into the share of the cores busy between them", () => {
    const before = parseProcStat(stat("584455 297 190049 2118947 7743 0 11212 332 0 0"))!;
    // one second on two cores: 200 ticks, 194 of them busy
    const after = parseProcStat(stat("584555 297 190139 2118951 7745 0 11216 332 0 0"))!;
    expect(busyShare(before, after)).toBeCloseTo(0.97, 5);
    expect(busyShare(after, after)).toBeUndefined();
  });
});
