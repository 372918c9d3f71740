import type { Lab } from "../../runtime/lab-runtime.js";
import { CONFIG_PATH, peerActionsYaml, withoutPeers } from "../../topology/receptor-config.js";
import { StepFailure } from "../step-failure.js";
import type { StepHandlers } from "./step-context.js";

/**
 * Live reconfiguration as the demo does it: append to the node's config file, then Receptor's
 * `reload`; the reply must say what the step expects, and new links join the oracle's mesh.
 */
export const reconfigureSteps: Pick<StepHandlers, "reconfigure"> = {
  async reconfigure(step, { session, scenario, faults, timeline }) {
    const lab = session.lab;
    if (step.removed.length) {
      const current = await lab.exec(step.node, ["cat", CONFIG_PATH]);
      await writeConfig(lab, step.node, withoutPeers(current.stdout, scenario.topology, step.removed), ">");
    }
    const patch = [step.links.length ? peerActionsYaml(scenario.topology, step.links) : "", step.add ? `${step.add.trimEnd()}\n` : ""].join("");
    if (patch) await writeConfig(lab, step.node, patch, ">>");
    const reply = await session.client(step.node).reload();
    timeline.record("reload", step.node, { ok: reply.ok, reply: reply.message, added: step.links.map((link) => link.listener), removed: step.removed.map((link) => link.listener) });
    if (!reply.message.includes(step.reply)) throw new StepFailure("failed", { expected: `reload answers '${step.reply}'`, observed: reply.message });
    if (reply.ok) {
      faults.state.addLinks(step.links);
      faults.state.removeLinks(step.removed);
    }
    return { message: reply.message, expected: `reload answers '${step.reply}'`, observed: reply.message, patch };
  },
};

/** Writes (`>`) or appends (`>>`) to the node's config file (base64 through the shell: any text). */
async function writeConfig(lab: Lab, node: string, text: string, how: ">" | ">>"): Promise<void> {
  const written = await lab.exec(node, ["sh", "-c", `echo ${Buffer.from(text).toString("base64")} | base64 -d ${how} ${CONFIG_PATH}`]);
  if (written.exitCode !== 0) throw new StepFailure("inconclusive", { message: `could not patch ${node}'s config: ${written.stderr.trim()}` });
}
