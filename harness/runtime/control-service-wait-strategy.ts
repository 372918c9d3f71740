import type Dockerode from "dockerode";
import { getContainerRuntimeClient, type BoundPorts, type WaitStrategy } from "testcontainers";
import { ControlConnection, type ControlAddress } from "../mesh/control-connection.js";
import { CONTROL_PORT } from "../topology/load-topology.js";
import { demultiplex } from "./docker-streams.js";

/** One greeting attempt may take this long; a paused or half-started node must not eat the budget. */
const attemptTimeoutMs = 2_000;
const pollIntervalMs = 100;
const logLinesOnFailure = 20;

export interface ControlServiceWaitOptions {
  /** The control service's port inside the container (default 7399). */
  port?: number;
  /** Where published ports are reached (default: testcontainers' host, what `getHost()` returns). */
  host?: () => Promise<string>;
}

/**
 * Ready when Receptor's control service, reached from the host through the published port,
 * greets with `Receptor Control, node <id>` for the expected node. Fails at once when the
 * container exits (a config Receptor rejects) or another node id answers, with the log tail.
 */
export class ControlServiceWaitStrategy implements WaitStrategy {
  private startupTimeoutMs = 60_000;
  private startupTimeoutSet = false;

  private readonly port: number;
  private readonly hostOf: () => Promise<string>;

  constructor(
    private readonly nodeId: string,
    options: ControlServiceWaitOptions = {},
  ) {
    this.port = options.port ?? CONTROL_PORT;
    this.hostOf = options.host ?? runtimeHost;
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.startupTimeoutMs = startupTimeoutMs;
    this.startupTimeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.startupTimeoutSet;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }

  async waitUntilReady(container: Dockerode.Container, boundPorts: BoundPorts): Promise<void> {
    const address: ControlAddress = { host: await this.hostOf(), port: boundPorts.getBinding(this.port) };
    const where = `${address.host}:${address.port}`;
    const deadline = Date.now() + this.startupTimeoutMs;
    let lastProblem = "no attempt finished";
    for (;;) {
      const remaining = deadline - Date.now();
      const greeted = await greetingFrom(address, this.nodeId, Math.max(1, Math.min(attemptTimeoutMs, remaining))).catch((error: Error) => {
        lastProblem = error.message;
        return undefined;
      });
      if (greeted === this.nodeId) return;
      if (greeted !== undefined) {
        throw new Error(
          `The control service at ${where} greets as node ${JSON.stringify(greeted)}, not ${JSON.stringify(this.nodeId)}: ` +
            "the container did not start Receptor with the generated config (check the image's command).",
        );
      }
      const exited = await exitReport(container, this.nodeId);
      if (exited) throw new Error(exited);
      if (Date.now() >= deadline) {
        throw new Error(
          `Receptor node ${JSON.stringify(this.nodeId)}'s control service did not greet on ${where} within ${this.startupTimeoutMs} ms ` +
            `(last attempt: ${lastProblem}); its last log lines:\n${await logTail(container)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    }
  }
}

/** Why the node is gone, with its exit code and last log lines; undefined while it runs. */
export async function exitReport(container: Dockerode.Container, nodeId: string): Promise<string | undefined> {
  const state = (await container.inspect()).State;
  if (state.Running) return undefined;
  return `Receptor node ${JSON.stringify(nodeId)} exited (code ${state.ExitCode}) before its control service answered; its last log lines:\n${await logTail(container)}`;
}

/** The host testcontainers hands out as getHost(): the engine's, which need not be this machine. */
async function runtimeHost(): Promise<string> {
  return (await getContainerRuntimeClient()).info.containerRuntime.host;
}

/** The node id the control service announces, or a rejection (refused, closed early, timed out). */
async function greetingFrom(address: ControlAddress, nodeId: string, timeoutMs: number): Promise<string> {
  const connection = await ControlConnection.open(address, nodeId, "greeting", timeoutMs);
  connection.close();
  return connection.greetedAs;
}

async function logTail(container: Dockerode.Container): Promise<string> {
  try {
    const raw = (await container.logs({ stdout: true, stderr: true, follow: false, tail: logLinesOnFailure })) as unknown as Buffer;
    const { stdout, stderr } = demultiplex(raw);
    return Buffer.concat([stdout, stderr]).toString("utf8").trimEnd() || "(no output)";
  } catch (error) {
    return `(logs unavailable: ${(error as Error).message})`;
  }
}
