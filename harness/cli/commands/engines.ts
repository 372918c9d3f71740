import { UsageError } from "../../errors.js";
import { connectDocker } from "../../runtime/docker-engine.js";
import { engineBridge } from "../../runtime/engines/engine-plan.js";
import { engineClient, enginesDown, enginesUp, readEngineSet, type EngineSet } from "../../runtime/engines/extra-engines.js";
import type { CliContext, Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";

export const usage = [
  "receptor-lab engines [up N | down]",
  "",
  "  up N    start N extra Docker engines on this machine, each in its own network namespace with its own",
  "          data root, on the bridge rlab-engines (10.213.213.0/24), joined to the host engine's swarm",
  "  down    leave the swarm, stop them and remove their namespaces and the bridge (prune does it too)",
  "  (none)  list them and whether each answers",
  "",
  "For tests and demos of labs spread over several engines: they share this machine's cores.",
].join("\n");

export const enginesCommand: Command = async (args, context) => {
  const { positionals } = parseOptions(args, {}, usage);
  const [action, count, ...extra] = positionals;
  if (extra.length > 0 || (action !== undefined && !["up", "down"].includes(action)) || (action === "up" && count === undefined) || (action !== "up" && count !== undefined)) {
    throw new UsageError(`'engines ${positionals.join(" ")}' is not a command`, `Usage: ${usage.split("\n")[0]}`);
  }
  if (action === undefined) return list(context);
  if (action === "up" && !/^\d+$/.test(count!)) throw new UsageError(`engines up wants a whole number, got '${count}'`, "e.g. 'receptor-lab engines up 2'.");
  const host = await connectDocker(context.progress);
  if (action === "down") {
    const set = await enginesDown(host, context);
    context.print(set ? `Removed ${set.engines.length} extra engine(s), their namespaces, the bridge and the swarm.` : "No extra engines are up.");
    return 0;
  }
  const removeOnInterrupt = context.interrupts.register(() => enginesDown(host, context).then(() => undefined));
  const set = await enginesUp(Number(count), host, context);
  removeOnInterrupt();
  context.print(`${set.engines.length} extra engine(s) up, joined to the host engine's swarm (manager ${engineBridge.hostAddress}):`);
  printEngines(set, context);
  context.print("Remove them with 'receptor-lab engines down' (or 'receptor-lab prune').");
  return 0;
};

async function list(context: CliContext): Promise<number> {
  const set = await readEngineSet(context.cacheDir);
  if (!set) {
    context.print("No extra engines are up ('receptor-lab engines up N' starts some).");
    return 0;
  }
  printEngines(set, context, await Promise.all(set.engines.map((engine) => engineClient(engine).ping().then(() => "answers", () => "does not answer"))));
  return 0;
}

function printEngines(set: EngineSet, context: CliContext, health?: string[]): void {
  set.engines.forEach((engine, index) => {
    context.print(`  ${engine.name.padEnd(10)} ${engine.address.padEnd(14)} DOCKER_HOST=unix://${engine.socket}${health ? `  ${health[index]}` : ""}`);
  });
}
