import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLab } from "../../harness/api/open-lab.js";
import { startLab } from "../../harness/api/start-lab.js";
import type { StartedLab } from "../../harness/api/started-lab.js";
import { serveLiveView, type LiveServer } from "../../harness/cli/watch-server.js";
import { silentProgress } from "../../harness/progress.js";
import { canInstallDebianPackages, installDebianPackages } from "../../harness/runtime/debian-packages.js";
import { runtimeSources } from "../../harness/scenario/live-watch.js";
import { runtime } from "./lab-fixture.js";

const say = (line: string) => process.stderr.write(`[watch --web] ${line}\n`);

/** Debian's chromium, installed with apt the first time (as root on Debian, like the engine). */
async function chromium(): Promise<string> {
  const found = await execa("sh", ["-c", "command -v chromium"], { reject: false });
  if (found.exitCode === 0) return found.stdout.trim();
  if (!canInstallDebianPackages()) throw new Error("this test needs Debian's chromium (apt-get install chromium), and only root on Debian may install it here");
  say("chromium is missing: installing Debian's chromium with apt-get (once; a few hundred MB) …");
  const started = Date.now();
  await installDebianPackages(["chromium"], { ...silentProgress, step: say, warn: say }, "Install it by hand: apt-get install chromium");
  say(`chromium installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return "chromium";
}

describe("watch --web in a real browser", () => {
  let browser: string;
  let lab: StartedLab;
  let server: LiveServer | undefined;

  beforeAll(async () => {
    browser = await chromium();
    lab = await startLab("redundant", { runtime });
  }, 900_000);
  afterAll(async () => {
    await server?.close();
    // the runtime's removal also drops the fault recorded with the lab
    if (lab) await runtime.removeLabs(lab.runId);
  });

  it("shows a stopped relayer as down, its links down, and the fault in the event list", async () => {
    server = await serveLiveView(lab, { ...runtimeSources(runtime, lab.runId), intervalMs: 300, port: 0 });
    // as a second terminal would (receptor-lab stop relayer01): through a reopened lab, which records the fault with it
    await (await openLab(lab.runId, { runtime })).faults.stop("relayer01");

    const dump = await execa(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=8000", "--dump-dom", server.url], { timeout: 90_000 });
    const dom = dump.stdout;
    expect(dom).toContain('<body data-live="sse">');
    expect(dom).toMatch(/<g class="node[^"]*" data-node="relayer01" data-state="down">/);
    expect(dom).toMatch(/<g class="node[^"]*" data-node="relayer02" data-state="up">/);
    expect(dom).toMatch(/<g class="link" data-link="controller01(&gt;|>)relayer01" data-state="down"/);
    expect(dom).toMatch(/<li data-kind="fault">.*?<span>stop relayer01<\/span><\/li>/);
  });
});
