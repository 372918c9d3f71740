import { UsageError } from "../../errors.js";
import type { NodeFaultAction } from "../../faults/fault-plan.js";
import type { RunningNode } from "../../runtime/lab-registry.js";
import type { CommandEntry } from "../command-table.js";
import { handFaultCommand, handFaultFlags, nodeLabel, type HandFaultInput, type PlannedFault } from "../hand-fault.js";

/** A node as Docker sees it. */
type Condition = "running" | "paused" | "stopped";

interface NodeFaultRule {
  done: string;
  summary: string;
  /** Where the action leaves a node: a node there already (and so in the oracle's fault state) is left alone. */
  leaves?: Condition;
  /** Conditions the action cannot work from, and the command that gets the node out of them. */
  needs?: Partial<Record<Condition, NodeFaultAction>>;
}

const rules: Record<NodeFaultAction, NodeFaultRule> = {
  stop: { done: "stopped", leaves: "stopped", summary: "docker stop nodes (SIGTERM), then show the route changes" },
  start: { done: "started", leaves: "running", needs: { paused: "unpause" }, summary: "start stopped or killed nodes, then show the route changes" },
  restart: { done: "restarted", summary: "restart nodes, then show the route changes" },
  kill: { done: "killed", leaves: "stopped", summary: "SIGKILL nodes, then show the route changes" },
  pause: { done: "paused", leaves: "paused", needs: { stopped: "start" }, summary: "freeze nodes (docker pause: peers notice after the idle timeout, 21–26 s)" },
  unpause: { done: "unpaused", leaves: "running", needs: { stopped: "start" }, summary: "thaw paused nodes, then show the route changes" },
};

function conditionOf(node: RunningNode): Condition {
  if (node.state === "paused") return "paused";
  return node.state === "running" || node.state === "restarting" ? "running" : "stopped";
}

function planNodeFault(action: NodeFaultAction, { positionals, node, lab, usageError }: HandFaultInput): PlannedFault {
  if (positionals.length === 0) throw usageError(`say which node to ${action}`);
  const rule = rules[action];
  const nodes = [...new Map(positionals.map((name) => node(name)).map((found) => [found.id, found])).values()];
  const unchanged: string[] = [];
  const todo: RunningNode[] = [];
  for (const target of nodes) {
    const condition = conditionOf(target);
    const fix = rule.needs?.[condition];
    if (fix) throw new UsageError(`${target.id} is ${condition}; ${action} does not apply`, `Run 'receptor-lab ${fix} ${target.id}'.`);
    const oracleAgrees = lab.faults.state.isDown(target.id) === (rule.leaves !== "running");
    if (condition === rule.leaves && oracleAgrees) unchanged.push(`${target.id} is already ${condition}; nothing done.`);
    else todo.push(target);
  }
  if (todo.length === 0) return { unchanged };
  const ids = todo.map((target) => target.id);
  return {
    unchanged,
    fresh: ids,
    apply: async (faults) => {
      if (action === "restart") for (const id of ids) await faults.restart(id);
      else await faults[action](...ids);
      return `${rule.done} ${todo.map(nodeLabel).join(", ")}`;
    },
  };
}

/** stop, start, restart, kill, pause, unpause: one command each, from the table above. */
export const nodeFaultCommands = Object.fromEntries(
  Object.entries(rules).map(([action, rule]) => {
    const usage = `receptor-lab ${action} <node>... ${handFaultFlags}`;
    const run = handFaultCommand({ usage, plan: (input) => planNodeFault(action as NodeFaultAction, input) });
    return [action, { run, usage, summary: rule.summary }];
  }),
) as Record<NodeFaultAction, CommandEntry>;
