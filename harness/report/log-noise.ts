/**
 * Lines Receptor logs (at debug) for every connection the harness makes to a control service:
 * the harness polls often, so these would drown what the nodes did. Mesh-side control
 * connections (remote work) name a node instead of an IP address and are kept.
 */
const harnessChatter = /Client (connected to|disconnected from) control service \d+\.\d+\.\d+\.\d+:\d+|Control service closed/;

export function withoutHarnessChatter(lines: string[]): string[] {
  return lines.filter((line) => !harnessChatter.test(line));
}
