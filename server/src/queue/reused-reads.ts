/** A moving batch's figures are reused this many times as long as their last read took. */
const READ_COST_FACTOR = 10;

/**
 * Reads of a moving batch's figures, reused for a while: every open Campaigns page polls them, and each read
 * aggregates the batch's rows. A read is reused while it runs and then for `minMs`, or for ten times as long as it
 * took, whichever is longer: on PostgreSQL the four counts over 10^6 rows take ~0.7 s, so they are read at most
 * every 7 s, and polling costs at most a tenth of the database's time however many pages are open. A batch at
 * rest is read fresh.
 */
export const reusedWhileMoving = <T>(minMs: number, read: (batchId: number) => Promise<T>) => {
  const reads = new Map<number, { until: number; value: Promise<T> }>();
  const reused = (batchId: number, moving: boolean): Promise<T> => {
    if (!moving) return read(batchId);
    const cached = reads.get(batchId);
    if (cached && Date.now() < cached.until) return cached.value;
    const started = Date.now();
    const entry = { until: Number.POSITIVE_INFINITY, value: read(batchId) };
    entry.value.then(
      () => {
        const now = Date.now();
        entry.until = now + Math.max(minMs, READ_COST_FACTOR * (now - started));
      },
      () => reads.get(batchId) === entry && reads.delete(batchId)
    );
    if (reads.size > 1000) reads.clear();
    reads.set(batchId, entry);
    return entry.value;
  };
  /** The next read of this batch is fresh (it moves again). */
  reused.forget = (batchId: number) => reads.delete(batchId);
  return reused;
};
