import { spawn } from "node:child_process";
import { EnvironmentError, UsageError } from "../../errors.js";
import { selectLab, selectNode } from "../../runtime/lab-registry.js";
import type { Command } from "../cli-context.js";

export const usage = "receptor-lab ctl <node> [--lab <run-id>] -- <receptorctl arguments>";

/** Runs the real receptorctl inside the node's container, against its control socket. */
export const ctlCommand: Command = async (args, context) => {
  const separator = args.indexOf("--");
  const before = separator >= 0 ? args.slice(0, separator) : args;
  const receptorctlArgs = separator >= 0 ? args.slice(separator + 1) : [];
  let labId: string | undefined;
  const names: string[] = [];
  for (let index = 0; index < before.length; index++) {
    if (before[index] === "--lab") labId = before[++index];
    else names.push(before[index]!);
  }
  if (names.length !== 1 || receptorctlArgs.length === 0) throw new UsageError("say which node and what to run", `Usage: ${usage}  (e.g. ctl node01 -- status)`);
  const lab = await selectLab(await context.docker(), labId);
  const node = selectNode(lab, names[0]!);
  const interactive = process.stdin.isTTY && process.stdout.isTTY;
  const dockerArgs = ["exec", ...(interactive ? ["-it"] : ["-i"]), node.containerName, "receptorctl", ...receptorctlArgs];
  return new Promise((resolve, reject) => {
    const child = spawn("docker", dockerArgs, { stdio: "inherit" });
    child.on("error", (error) =>
      reject(new EnvironmentError(`could not run 'docker ${dockerArgs.join(" ")}': ${error.message}`, "Install the Docker CLI (Debian: apt-get install docker.io).")),
    );
    child.on("close", (code) => resolve(code ?? 1));
  });
};
