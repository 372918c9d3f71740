/** Where the control ports of a lab's nodes are published, and where the harness reaches them. */
export interface ControlEndpoint {
  /** The engine-side address the port is published on. */
  bind: string;
  /** The host the harness dials. */
  reach: string;
}

/**
 * A local engine (unix socket, or tcp to this machine) publishes control ports on 127.0.0.1
 * only. A remote engine (DOCKER_HOST=tcp://host:port or ssh://…) publishes them on its own
 * interfaces and the harness dials that host; TESTCONTAINERS_HOST_OVERRIDE, when set, names the
 * host to dial, as testcontainers does.
 */
export function controlEndpointFor(env: Readonly<Record<string, string | undefined>>): ControlEndpoint {
  // "localhost" may resolve to ::1 first, where nothing is published
  const override = env.TESTCONTAINERS_HOST_OVERRIDE === "localhost" ? "127.0.0.1" : env.TESTCONTAINERS_HOST_OVERRIDE || undefined;
  const host = remoteHost(env.DOCKER_HOST);
  if (!host) return { bind: "127.0.0.1", reach: override ?? "127.0.0.1" };
  return { bind: "0.0.0.0", reach: override ?? host };
}

function remoteHost(dockerHost: string | undefined): string | undefined {
  if (!dockerHost || dockerHost.startsWith("unix://") || dockerHost.startsWith("npipe://")) return undefined;
  try {
    const host = new URL(dockerHost).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "127.0.0.1" || host === "::1" ? undefined : host;
  } catch {
    return undefined;
  }
}
