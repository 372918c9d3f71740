/** Docker labels every lab object carries (contract: `receptor-lab.run=<run-id>`). */
export const labels = {
  run: "receptor-lab.run",
  topology: "receptor-lab.topology",
  node: "receptor-lab.node",
  container: "receptor-lab.container",
  receptorVersion: "receptor-lab.receptor",
  /** On the lab network: the topology model as JSON, so any process can reopen the lab. */
  topologyModel: "receptor-lab.topology-model",
  /** On the lab network of a lab spread over several engines: the engines, as JSON (see enginesLabel). */
  engines: "receptor-lab.engines",
  /** On a node's container: the name of the engine it runs on. */
  engine: "receptor-lab.engine",
  /** Throwaway containers the harness runs a tool in (certificate making); never a lab. */
  tool: "receptor-lab.tool",
} as const;
