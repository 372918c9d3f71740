/** Values global setup hands to the Docker tests (vitest provide/inject). */
export {};

declare module "vitest" {
  export interface ProvidedContext {
    nodeImage: string;
    receptorVersion: string;
  }
}
