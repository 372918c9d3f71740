import type { ComposeInvocation } from "../../harness/runtime/compose-tool.js";

/** Values global setup hands to the Docker tests (vitest provide/inject). */
export type { ComposeInvocation };

declare module "vitest" {
  export interface ProvidedContext {
    nodeImage: string;
    receptorVersion: string;
    /** How the compose tests run Docker Compose (docker-compose, or the docker compose plugin). */
    compose: ComposeInvocation;
  }
}
