/**
 * Receptor's own CPU cost of an idle, converged mesh, measured with the same 1.6.5 binary as plain
 * processes on a 2-core machine (hub → n/10 relayers → dual-homed executors): every node floods
 * routing updates every other node processes, so the cost grows faster than n².
 */
const measured: Array<[nodes: number, cores: number]> = [
  [25, 0.07],
  [50, 0.35],
  [100, 1.98],
];

/** Cores an idle mesh of `nodes` keeps busy: log-log interpolation of the measurements, extrapolated at their last slope. */
export function expectedIdleCores(nodes: number): number {
  if (nodes <= 0) return 0;
  const index = Math.max(0, Math.min(measured.length - 2, measured.findIndex(([size]) => size >= nodes) - 1));
  const [[n0, c0], [n1, c1]] = [measured[index]!, measured[index + 1]!];
  const slope = Math.log(c1 / c0) / Math.log(n1 / n0);
  return c0 * Math.pow(nodes / n0, slope);
}

/** A warning when an idle mesh of `nodes` would keep more than 80% of the host's cores busy. */
export function idleCostWarning(nodes: number, hostCores: number): string | undefined {
  const cores = expectedIdleCores(nodes);
  if (cores <= 0.8 * hostCores) return undefined;
  return (
    `an idle mesh of ${nodes} nodes keeps about ${cores.toFixed(1)} cores busy (Receptor's own routing floods, measured: 100 nodes ≈ 2 cores), ` +
    `and this machine has ${hostCores}: convergence will be slow and timing verdicts unreliable. ` +
    "`env: { GOGC: 400 }` in the topology roughly halves it; beyond that, use a bigger machine."
  );
}
