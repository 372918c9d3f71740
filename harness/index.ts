/**
 * receptor-lab's public API: start a real Receptor mesh in Docker, fault it, check its routes and
 * work units against the topology, run scenarios and write their reports. The CLI, the bench
 * and the tests use it too.
 */
export { startLab, loadTopology, dockerRuntime } from "./api/start-lab.js";
export { openLab, type OpenLabOptions } from "./api/open-lab.js";
export { resolveEngines, spreadOverEngines, type SpreadOptions } from "./api/spread-over-engines.js";
export type { EngineTarget } from "./runtime/engines/engine-endpoints.js";
export { loadScenario, runScenario, type RunScenarioOptions, type ScenarioOutcome } from "./api/run-scenario.js";
export { runChaosSession, checkChaosOptions, type ChaosSessionOptions, type ChaosPlan } from "./api/run-chaos.js";
export type { ChaosReport, ShrinkCandidate } from "./chaos/chaos-run.js";
export type { ChaosJudgement, ChaosFinding, InvariantResult, InvariantVerdict } from "./chaos/chaos-invariants.js";
export { chaosSchedule, type ChaosSchedule, type ChaosRound, type ChaosFault, type ChaosFaultKind } from "./chaos/fault-schedule.js";
export { StartedLab, type Convergence, type SubmittedUnit } from "./api/started-lab.js";
export { LabFaults, type PartitionOptions } from "./api/lab-faults.js";
export type { Duration, StartLabOptions } from "./api/api-options.js";

export { ReceptorContainer, StartedReceptorContainer } from "./runtime/receptor-container.js";
export { DockerRuntime } from "./runtime/docker-runtime.js";
export type { Lab, LabRuntime, NodeImage, NodeState, ExecResult, HostAddress, RunningLab } from "./runtime/lab-runtime.js";
export type { FaultPlan, FaultKind, DropMode, NodeFaultAction } from "./faults/fault-plan.js";
export { FaultState } from "./faults/fault-state.js";

export { ControlSocketClient } from "./mesh/control-socket-client.js";
export type { MeshClient } from "./mesh/mesh-client.js";
export type { NodeStatus, WorkUnitStatus, SubmitRequest, PingResult, TracerouteHop } from "./mesh/control-types.js";

export { expectedRoutes, diffRoutes, type ExpectedRoutes, type RoutingTable, type MeshState } from "./topology/routing-oracle.js";
export type { Topology, NodeId } from "./topology/model.js";
export type { Scenario, Step } from "./scenario/scenario-model.js";
export type { ScenarioRun, StepResult, RunHooks, FaultMetric } from "./scenario/run-result.js";
export type { TimelineEvent } from "./scenario/timeline.js";
export type { RunDocument } from "./report/run-document.js";
export { ConsoleReporter } from "./report/console-reporter.js";
export { compareReports, compareBuilds } from "./report/compare/compare-reports.js";
export { writeComparison } from "./report/compare/write-comparison.js";
export type { Comparison, ScenarioComparison, ComparedSide, MetricDelta, BehaviourDifference, StepChange } from "./report/compare/comparison.js";
export { LabError, UsageError, EnvironmentError, LabFailure, InputError } from "./errors.js";
export type { Progress } from "./progress.js";
