/**
 * Bounded concurrency for requests that make many independent DynamoDB calls (a bulk upload): enough
 * calls in flight to hide each one's round trip, few enough not to flood the table's partitions, the
 * client's sockets or the event loop.
 */
export const IN_FLIGHT = 32;

/**
 * Runs `task` for every item, at most `limit` at a time, and returns the results in the items' order.
 * After the first failure no further task starts, the running ones are awaited — so no write of this
 * step is still in flight when the caller undoes it — and that first error is thrown.
 */
export async function inParallel<T, R>(
  items: readonly T[],
  task: (item: T, index: number) => Promise<R>,
  limit = IN_FLIGHT,
): Promise<R[]> {
  if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError(`limit must be a whole number ≥ 1`);
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}
