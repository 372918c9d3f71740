import { Readable } from "node:stream";
import { UsageError } from "../../harness/errors.js";
import type { FaultPlan } from "../../harness/faults/fault-plan.js";
import type { ExecResult, HostAddress, Lab, LabRuntime, NodeImage, NodeState, OpenedLab, RunningLab } from "../../harness/runtime/lab-runtime.js";
import type { LabSpec } from "../../harness/runtime/lab-spec.js";
import type { Material, MaterialPlan } from "../../harness/topology/lab-material.js";

/** What a fake lab does wrong on purpose. */
export interface FakeLabBehaviour {
  /** These nodes ignore `stop` (the runtime call returns, the node keeps running). */
  ignoresStop?: string[];
}

/**
 * A lab in memory: nodes are running, paused or stopped flags; iptables rules are counted per
 * node from the scripts the harness execs, so fault checks and heals can be told apart.
 */
export class FakeLab implements Lab {
  readonly states = new Map<string, NodeState>();
  readonly rules = new Map<string, number>();
  readonly calls: string[] = [];
  destroyed = 0;

  constructor(
    readonly spec: LabSpec,
    private readonly behaviour: FakeLabBehaviour = {},
  ) {
    for (const node of spec.nodes) this.states.set(node.id, { running: false, paused: false });
  }

  nodeIds(): string[] {
    return this.spec.nodes.map((node) => node.id);
  }
  containerOf(id: string): string {
    return `fake-${id}`;
  }
  /** Held nodes run but do not answer until `start` releases them, as DockerLab's do. */
  readonly held = new Set<string>();
  async prestart(ids: string[]): Promise<void> {
    for (const id of ids) {
      this.record("prestart", id);
      this.states.set(id, { running: true, paused: false });
      this.held.add(id);
    }
  }
  async startNodes(ids: string[]): Promise<void> {
    for (const id of ids) await this.start(id);
  }
  controlAddress(id: string): HostAddress {
    return { host: "127.0.0.1", port: 40_000 + this.nodeIds().indexOf(id) };
  }
  async start(id: string) {
    this.record("start", id);
    this.held.delete(id);
    this.states.set(id, { running: true, paused: false });
  }
  async stop(id: string) {
    this.record("stop", id);
    if (!this.behaviour.ignoresStop?.includes(id)) this.states.set(id, { running: false, paused: false });
  }
  async restart(id: string) {
    this.record("restart", id);
    this.states.set(id, { running: true, paused: false });
  }
  async kill(id: string) {
    this.record("kill", id);
    this.states.set(id, { running: false, paused: false });
  }
  async pause(id: string) {
    this.record("pause", id);
    this.states.set(id, { running: true, paused: true });
  }
  async unpause(id: string) {
    this.record("unpause", id);
    this.states.set(id, { running: true, paused: false });
  }
  async disconnect(id: string) {
    this.record("disconnect", id);
  }
  async connect(id: string) {
    this.record("connect", id);
  }
  async state(id: string): Promise<NodeState> {
    return { ...this.states.get(id)! };
  }
  async address(id: string): Promise<string> {
    return `10.9.0.${this.nodeIds().indexOf(id) + 2}`;
  }
  async exec(id: string, command: string[]): Promise<ExecResult> {
    const script = command.join(" ");
    this.record("exec", id);
    const added = (script.match(/iptables -A RLAB /g) ?? []).length;
    if (added) this.rules.set(id, (this.rules.get(id) ?? 0) + added);
    if (/iptables -F RLAB/.test(script)) this.rules.set(id, 0);
    if (/iptables -S RLAB/.test(script)) {
      return { exitCode: 0, stdout: Array.from({ length: this.rules.get(id) ?? 0 }, (_, n) => `-A RLAB -s 10.9.0.${n} -j DROP`).join("\n"), stderr: "" };
    }
    return { exitCode: 0, stdout: "", stderr: "" };
  }
  async archive(): Promise<NodeJS.ReadableStream> {
    return Readable.from([]);
  }
  /** Lines a test put in a node's log, each stamped with when it was "logged". */
  readonly logLines = new Map<string, Array<{ at: Date; text: string }>>();
  appendLog(id: string, text: string, at = new Date()): void {
    this.logLines.set(id, [...(this.logLines.get(id) ?? []), { at, text }]);
  }
  async logs(id: string): Promise<string> {
    return [`fake log of ${id}`, ...(this.logLines.get(id) ?? []).map((line) => line.text), ""].join("\n");
  }
  async logsSince(id: string, since: Date): Promise<string> {
    return [...(this.logLines.get(id) ?? []).filter((line) => line.at >= since).map((line) => line.text), ""].join("\n");
  }
  readonly versions = new Map<string, string>();
  receptorVersionOf(id: string): string {
    return this.versions.get(id) ?? this.spec.nodes.find((node) => node.id === id)?.receptorVersion ?? this.spec.receptorVersion;
  }
  async replaceImage(id: string, image: { tag: string; receptorVersion: string }): Promise<void> {
    this.record(`replace-image ${image.tag}`, id);
    this.versions.set(id, image.receptorVersion);
    this.held.delete(id);
    this.states.set(id, { running: true, paused: false });
  }
  async destroy(): Promise<string[]> {
    this.destroyed++;
    for (const id of this.nodeIds()) this.states.set(id, { running: false, paused: false });
    return [];
  }
  /** Whether the node answers on its control service now. */
  answers(id: string): boolean {
    const state = this.states.get(id)!;
    return state.running && !state.paused && !this.held.has(id);
  }
  private record(call: string, id: string) {
    this.calls.push(`${call} ${id}`);
  }
}

/** A runtime whose labs are FakeLabs; it remembers each one it made. */
export class FakeRuntime implements LabRuntime {
  readonly labs: FakeLab[] = [];

  constructor(private readonly behaviour: FakeLabBehaviour = {}) {}

  async nodeImage(versions: { receptor: string }): Promise<NodeImage> {
    return { tag: `fake-node:${versions.receptor}`, receptorVersion: versions.receptor, built: false };
  }
  /** Placeholder PEM text per CA, node and key pair: enough to see which file went where. */
  async labMaterial(plan: MaterialPlan): Promise<Material> {
    const pem = (what: string) => `-----BEGIN FAKE-----\n${what}\n-----END FAKE-----\n`;
    return {
      cas: Object.fromEntries(plan.cas.map((ca) => [ca, { cert: pem(`ca ${ca} cert`), key: pem(`ca ${ca} key`) }])),
      certs: Object.fromEntries(plan.certs.map((cert) => [cert.node, { cert: pem(`${cert.node} cert by ${cert.ca} for ${cert.nodeId}`), key: pem(`${cert.node} key`) }])),
      signingKeys: Object.fromEntries(plan.signingKeys.map((name) => [name, { privateKey: pem(`${name} private`), publicKey: pem(`${name} public`) }])),
    };
  }
  async createLab(spec: LabSpec): Promise<Lab> {
    const lab = new FakeLab(spec, this.behaviour);
    this.labs.push(lab);
    return lab;
  }
  /** Each live lab with its nodes' container states, as Docker's labels and states list them. */
  async listLabs(): Promise<RunningLab[]> {
    return this.labs
      .filter((lab) => lab.destroyed === 0)
      .map((lab) => ({
        runId: lab.spec.runId,
        topology: lab.spec.topology,
        receptorVersion: lab.spec.receptorVersion,
        nodes: lab.spec.nodes.map((node) => {
          const state = lab.states.get(node.id)!;
          return {
            id: node.id,
            container: node.container,
            containerName: lab.containerOf(node.id),
            state: state.paused ? "paused" : state.running ? "running" : "exited",
            receptorVersion: lab.receptorVersionOf(node.id),
          };
        }),
      }));
  }
  async removeLabs(): Promise<string[]> {
    for (const lab of this.labs) await lab.destroy();
    return [];
  }
  readonly faultLog = new Map<string, FaultPlan[]>();
  async openLab(runId: string): Promise<OpenedLab> {
    const lab = this.labs.find((candidate) => candidate.spec.runId === runId && candidate.destroyed === 0);
    if (!lab?.spec.model) throw new UsageError(`no lab with run id '${runId}'`);
    return { lab, topology: lab.spec.model, image: lab.spec.image, receptorVersion: lab.spec.receptorVersion };
  }
  async recordFault(runId: string, plan: FaultPlan): Promise<void> {
    this.faultLog.set(runId, [...(this.faultLog.get(runId) ?? []), plan]);
  }
  async recordedFaults(runId: string): Promise<FaultPlan[]> {
    return this.faultLog.get(runId) ?? [];
  }
  async saveLogs(): Promise<void> {}
  async followLogs(): Promise<number> {
    return 0;
  }
  async attach(): Promise<number> {
    return 0;
  }
}
