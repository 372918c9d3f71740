/**
 * Runs `work` on every item with at most `limit` at once, in order of the items; the first
 * failure is rethrown once every started call has settled.
 */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const item = items[next++]!;
      await work(item).catch((error: unknown) => {
        failure ??= { error };
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

/** Container calls a lab makes at once: enough to overlap their latency, few enough not to swamp the engine at 250 nodes. */
export const engineCallsAtOnce = 8;
