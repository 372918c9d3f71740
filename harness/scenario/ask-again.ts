import type { Clock } from "../clock.js";

export interface AskAgainOptions {
  /** Ask again while refused, until this much time has passed since the first ask. */
  withinMs: number;
  intervalMs: number;
  /** The refusal text of an error worth asking again for; undefined for any other error. */
  refusal: (error: unknown) => string | undefined;
  onRefused?: (refusal: string) => void;
}

/** An ask that was still refused when its time ran out. */
export class StillRefused extends Error {
  constructor(
    last: unknown,
    readonly refusals: string[],
  ) {
    super(`${(last as Error).message} (asked ${refusals.length} times)`);
  }
}

/**
 * Asks until it gets an answer. A refusal (per `refusal`) is asked again after `intervalMs`
 * while `withinMs` lasts; any other error ends it at once. Returns the answer and every refusal.
 */
export async function askAgain<T>(clock: Clock, ask: () => Promise<T>, options: AskAgainOptions): Promise<{ answer: T; refusals: string[] }> {
  const deadline = clock.now() + options.withinMs;
  const refusals: string[] = [];
  for (;;) {
    try {
      return { answer: await ask(), refusals };
    } catch (error) {
      const refusal = options.refusal(error);
      if (refusal === undefined) throw error;
      refusals.push(refusal);
      if (clock.now() >= deadline) {
        if (refusals.length === 1) throw error;
        throw new StillRefused(error, refusals);
      }
      options.onRefused?.(refusal);
      await clock.sleep(Math.min(options.intervalMs, Math.max(0, deadline - clock.now())));
    }
  }
}
