/**
 * Cleanup that must run when the user presses Ctrl-C (or the process gets SIGTERM), or when an
 * error escapes everything: each registered task runs once, newest first, then the process
 * exits (130 after a signal, 1 after a crash).
 */
export class Interrupts {
  private readonly tasks = new Map<number, (signal: string) => Promise<unknown>>();
  private next = 0;
  private interrupted = false;
  private interceptor: ((signal: string) => void) | undefined;

  constructor(private readonly say: (message: string) => void) {}

  install(): void {
    const handler = (signal: NodeJS.Signals) => void this.onSignal(signal);
    process.on("SIGINT", handler);
    process.on("SIGTERM", handler);
    const crash = (error: unknown) => void this.onCrash(error);
    process.on("uncaughtException", crash);
    process.on("unhandledRejection", crash);
  }

  /**
   * Registers a cleanup (it learns which signal, or "a crash"); the returned function
   * unregisters it (when the work is handed over).
   */
  register(task: (signal: string) => Promise<unknown>): () => void {
    const id = this.next++;
    this.tasks.set(id, task);
    return () => this.tasks.delete(id);
  }

  /**
   * While set, a signal goes to `handler` instead (a command that only looks, like `watch`, ends
   * normally on Ctrl-C: nothing to clean up, exit 0); a second signal cleans up as usual.
   */
  intercept(handler: (signal: string) => void): () => void {
    this.interceptor = handler;
    return () => {
      if (this.interceptor === handler) this.interceptor = undefined;
    };
  }

  private async onSignal(signal: NodeJS.Signals): Promise<void> {
    const interceptor = this.interceptor;
    if (interceptor) {
      this.interceptor = undefined;
      return interceptor(signal);
    }
    if (this.interrupted) return;
    this.interrupted = true;
    this.say(`${signal}: cleaning up what this run started …`);
    await this.cleanUp(signal);
    process.exit(130);
  }

  private async onCrash(error: unknown): Promise<void> {
    if (this.interrupted) return;
    this.interrupted = true;
    this.say(`unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    this.say("cleaning up what this run started …");
    await this.cleanUp("a crash");
    process.exit(1);
  }

  private async cleanUp(signal: string): Promise<void> {
    for (const [id, task] of [...this.tasks].reverse()) {
      this.tasks.delete(id);
      await task(signal).catch((error: Error) => this.say(`cleanup failed: ${error.message}`));
    }
  }
}
