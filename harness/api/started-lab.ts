import { scenarioJudge } from "../checks/scenario-judge.js";
import type { Clock } from "../clock.js";
import { LabFailure } from "../errors.js";
import type { MeshClient } from "../mesh/mesh-client.js";
import type { SubmitRequest, WorkUnitStatus } from "../mesh/control-types.js";
import type { ExecResult } from "../runtime/lab-runtime.js";
import type { FaultController } from "../scenario/fault-controller.js";
import type { LabSession } from "../scenario/lab-session.js";
import type { MeshObserver } from "../scenario/mesh-observer.js";
import type { Judgement } from "../scenario/observations.js";
import type { NodeId, Topology } from "../topology/model.js";
import { expectedRoutes, type ExpectedRoutes, type RoutingTable } from "../topology/routing-oracle.js";
import { waitUntil } from "../wait-until.js";
import { durationOption, type Duration } from "./api-options.js";
import { LabFaults } from "./lab-faults.js";

/** A work unit submitted through the API: where it runs and its id on the submitting node. */
export interface SubmittedUnit {
  id: string;
  on: NodeId;
  node: NodeId;
}

/** The outcome of a convergence check: holds or not, and what was expected versus observed. */
export type Convergence = Judgement & { elapsedMs: number };

/**
 * A started lab: faults, routes against the topology's oracle, work units, a control client per
 * node, logs and the real receptorctl. `await using lab = await startLab(…)` removes it at the
 * end of the scope; `destroy()` is safe to repeat.
 */
export class StartedLab implements AsyncDisposable {
  readonly faults: LabFaults;
  private destroyed: Promise<string[]> | undefined;

  constructor(
    private readonly session: LabSession,
    faults: FaultController,
    private readonly observer: MeshObserver,
    private readonly clock: Clock,
    readonly receptorVersion: string,
  ) {
    this.faults = new LabFaults(faults);
  }

  get runId(): string {
    return this.session.lab.spec.runId;
  }
  get topology(): Topology {
    return this.session.topology;
  }
  /** Containers started → every routing table matched the oracle. */
  get bringUpMs(): number {
    return this.session.bringUpMs;
  }
  nodes(): NodeId[] {
    return this.session.lab.nodeIds();
  }

  /** How a person reaches the node by hand (its container: `docker logs`, `docker exec`). */
  containerOf(node: NodeId): string {
    return this.session.lab.containerOf(node);
  }

  /** The control-service client of one node (status, ping, traceroute, work …). */
  client(node: NodeId): MeshClient {
    return this.session.client(node);
  }

  /** The routing table of every node that answers now. */
  async routes(): Promise<Record<NodeId, RoutingTable>> {
    return Object.fromEntries(await this.observer.observeRoutes(this.session.lab.nodeIds()));
  }

  /** What the topology implies for the faults in effect: each live node's allowed next hops. */
  expectedRoutes(): ExpectedRoutes {
    return expectedRoutes(this.topology, this.faults.state.meshState());
  }

  /** Whether every live node's table matches the oracle, polling until it does on two polls in a row or `within` ends. */
  async checkRoutes(options: { within?: Duration } = {}): Promise<Convergence> {
    const withinMs = durationOption("within", options.within ?? 0);
    const expected = this.expectedRoutes();
    let judgement: Judgement | undefined;
    const outcome = await waitUntil(
      this.clock,
      () => this.observer.observeRoutes(this.faults.state.meshState().liveNodes),
      (tables) => (judgement = scenarioJudge.check({ what: "routes-converged" }, { what: "routes-converged", tables }, { expectedRoutes: expected })).ok,
      { timeoutMs: withinMs, intervalMs: 100, consecutive: withinMs > 0 ? 2 : 1 },
    );
    return { ...judgement!, ok: outcome.ok, elapsedMs: outcome.elapsedMs };
  }

  /** Like checkRoutes, but throws (with expected versus observed) when the routes do not converge. */
  async expectConverged(options: { within?: Duration } = {}): Promise<Convergence> {
    const result = await this.checkRoutes(options);
    if (!result.ok) throw new LabFailure(`routes did not converge${options.within ? ` within ${options.within}` : ""}\nexpected: ${result.expected}\nobserved: ${result.observed}`);
    return result;
  }

  async submit(request: SubmitRequest & { on: NodeId; node: NodeId }): Promise<SubmittedUnit> {
    const { on, ...rest } = request;
    const submitted = await this.client(on).submit(rest);
    this.observer.units.set(submitted.unitId, { alias: submitted.unitId, on, unitId: submitted.unitId, executor: request.node });
    return { id: submitted.unitId, on, node: request.node };
  }

  /** The work units a node knows. */
  units(on: NodeId): Promise<Record<string, WorkUnitStatus>> {
    return this.client(on).workList();
  }

  /** Whether both sides of a unit agree on state, StdoutSize and stdout bytes, polling up to `within`. */
  async checkWork(unit: SubmittedUnit, options: { within?: Duration; state?: string } = {}): Promise<Convergence> {
    const withinMs = durationOption("within", options.within ?? 0);
    const expectation = { what: "unit" as const, unit: unit.id, side: "controller" as const, converged: true, ...(options.state ? { state: options.state } : {}) };
    let judgement: Judgement | undefined;
    const outcome = await waitUntil(
      this.clock,
      () => this.observer.observeUnit(unit.id),
      (observed) => (judgement = scenarioJudge.check(expectation, { what: "unit", unit: observed }, { expectedRoutes: this.expectedRoutes() })).ok,
      { timeoutMs: withinMs, intervalMs: 500, consecutive: 1 },
    );
    return { ...judgement!, ok: outcome.ok, elapsedMs: outcome.elapsedMs };
  }

  logs(node: NodeId, tail?: number): Promise<string> {
    return this.session.lab.logs(node, tail);
  }

  /** The real receptorctl inside the node, against its control socket. */
  receptorctl(node: NodeId, args: string[]): Promise<ExecResult> {
    return this.session.lab.exec(node, ["receptorctl", "--socket", "/tmp/receptor.sock", ...args]);
  }

  /** Removes the lab; safe to call again (the first call's result is returned). */
  destroy(): Promise<string[]> {
    return (this.destroyed ??= this.session.lab.destroy());
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.destroy();
  }
}
