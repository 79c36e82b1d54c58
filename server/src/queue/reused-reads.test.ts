import { reusedWhileMoving } from './reused-reads';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A read that takes `ms` and answers how many reads of that batch were made so far. */
const slowCounter = (ms: number) => {
  const reads = new Map<number, number>();
  const read = async (batchId: number) => {
    const n = (reads.get(batchId) ?? 0) + 1;
    reads.set(batchId, n);
    if (ms > 0) await sleep(ms);
    return n;
  };
  return { read, reads };
};

describe('reusedWhileMoving', () => {
  it('reuses a moving batch’s read while it runs and for ten times as long as it took', async () => {
    const { read, reads } = slowCounter(60);
    const progress = reusedWhileMoving(20, read);
    // three pages polling while the first read runs share it
    const started = Date.now();
    expect(await Promise.all([progress(1, true), progress(1, true), progress(1, true)])).toEqual([
      1, 1, 1,
    ]);
    const took = Date.now() - started;
    const ended = Date.now();
    expect(reads.get(1)).toBe(1);
    // the read took `took` (≥ 60 ms): reused for ten times as long, far beyond the 20 ms minimum
    await sleep(3 * took);
    expect(await progress(1, true)).toBe(1);
    await sleep(ended + 10 * took + 50 - Date.now());
    expect(await progress(1, true)).toBe(2);
    // each batch has its own reads
    expect(await progress(2, true)).toBe(1);
  });

  it('reads a cheap read again after the minimum, a batch at rest always, and after forget', async () => {
    const { read, reads } = slowCounter(0);
    const progress = reusedWhileMoving(50, read);
    expect(await progress(1, true)).toBe(1);
    expect(await progress(1, true)).toBe(1);
    await sleep(200);
    expect(await progress(1, true)).toBe(2);
    expect(await progress(1, false)).toBe(3);
    expect(await progress(1, false)).toBe(4);
    progress.forget(1);
    expect(await progress(1, true)).toBe(5);
    expect(reads.get(1)).toBe(5);
  });

  it('does not keep a failed read: the next call reads again', async () => {
    let fail = true;
    const progress = reusedWhileMoving(10_000, async () => {
      if (fail) throw new Error('database down');
      return 'counts';
    });
    await expect(progress(1, true)).rejects.toThrow('database down');
    fail = false;
    await expect(progress(1, true)).resolves.toBe('counts');
  });
});
