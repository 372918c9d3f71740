import { CONFIG_PATH, peerActionsYaml } from "../../topology/receptor-config.js";
import { StepFailure } from "../step-failure.js";
import type { StepHandlers } from "./step-context.js";

/**
 * Live reconfiguration as the demo does it: append to the node's config file, then Receptor's
 * `reload`; the reply must say what the step expects, and new links join the oracle's mesh.
 */
export const reconfigureSteps: Pick<StepHandlers, "reconfigure"> = {
  async reconfigure(step, { session, scenario, faults, timeline }) {
    const patch = [step.links.length ? peerActionsYaml(scenario.topology, step.links) : "", step.add ? `${step.add.trimEnd()}\n` : ""].join("");
    const encoded = Buffer.from(patch).toString("base64");
    const written = await session.lab.exec(step.node, ["sh", "-c", `echo ${encoded} | base64 -d >> ${CONFIG_PATH}`]);
    if (written.exitCode !== 0) throw new StepFailure("inconclusive", { message: `could not patch ${step.node}'s config: ${written.stderr.trim()}` });
    const reply = await session.client(step.node).reload();
    timeline.record("reload", step.node, { ok: reply.ok, reply: reply.message, links: step.links.map((link) => link.listener) });
    if (!reply.message.includes(step.reply)) throw new StepFailure("failed", { expected: `reload answers '${step.reply}'`, observed: reply.message });
    if (reply.ok) faults.state.addLinks(step.links);
    return { message: reply.message, expected: `reload answers '${step.reply}'`, observed: reply.message, patch };
  },
};
