/**
 * Runs `work` over `items` with at most `limit` in flight, in input order of start. Stops starting
 * new items once `signal` aborts; work already running finishes or honours the signal itself.
 */
export async function runLimited<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}
