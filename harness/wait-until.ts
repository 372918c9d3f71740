import type { Clock } from "./clock.js";

export interface WaitOptions {
  timeoutMs: number;
  intervalMs: number;
  /** The condition must hold on this many polls in a row. */
  consecutive: number;
}

export interface WaitOutcome<T> {
  ok: boolean;
  elapsedMs: number;
  polls: number;
  /** The last observation (what to show on a timeout). */
  last: T | undefined;
  /** When the condition first held in the run of passes that ended the wait. */
  heldSinceMs?: number;
}

/**
 * Polls `observe` until `holds` is true on `consecutive` polls in a row, or the timeout passes.
 * `onObservation` sees every observation (to record changes on a timeline).
 */
export async function waitUntil<T>(
  clock: Clock,
  observe: () => Promise<T>,
  holds: (value: T) => boolean,
  options: WaitOptions,
  onObservation?: (value: T, elapsedMs: number) => void,
): Promise<WaitOutcome<T>> {
  const started = clock.now();
  let streak = 0;
  let heldSince: number | undefined;
  let polls = 0;
  let last: T | undefined;
  for (;;) {
    const pollStarted = clock.now();
    last = await observe();
    polls++;
    const elapsed = clock.now() - started;
    onObservation?.(last, elapsed);
    if (holds(last)) {
      if (streak === 0) heldSince = elapsed;
      streak++;
      if (streak >= options.consecutive) return { ok: true, elapsedMs: elapsed, polls, last, heldSinceMs: heldSince };
    } else {
      streak = 0;
      heldSince = undefined;
    }
    if (elapsed >= options.timeoutMs) return { ok: false, elapsedMs: elapsed, polls, last };
    const wait = Math.max(0, options.intervalMs - (clock.now() - pollStarted));
    await clock.sleep(Math.min(wait, Math.max(0, options.timeoutMs - elapsed)));
  }
}
