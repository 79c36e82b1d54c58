import { createGroupCall, createGroupCommit } from './group-commit';

describe('createGroupCommit', () => {
  it('writes the items of concurrent callers in one call, and each caller waits for it', async () => {
    const writes: number[][] = [];
    const commit = createGroupCommit<number>(async (items) => void writes.push(items), 5);
    await Promise.all([1, 2, 3].map((n) => commit.add(n)));
    expect(writes).toEqual([[1, 2, 3]]);
    await commit.add(4);
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });

  it('rejects every caller of a failed write, and the next write starts afresh', async () => {
    let fail = true;
    const commit = createGroupCommit<number>(async () => {
      if (fail) throw new Error('database down');
    }, 1);
    const results = await Promise.allSettled([commit.add(1), commit.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(commit.add(3)).resolves.toBeUndefined();
  });
});

describe('createGroupCall', () => {
  it('asks the calls made together in one run, and gives each caller its own answer', async () => {
    const runs: number[][] = [];
    const square = createGroupCall<number, number>(async (items) => {
      runs.push(items);
      return items.map((n) => n * n);
    }, 2);
    expect(await Promise.all([2, 3, 4].map((n) => square.call(n)))).toEqual([4, 9, 16]);
    expect(runs).toEqual([[2, 3, 4]]);
    expect(await square.call(5)).toBe(25);
    expect(runs).toEqual([[2, 3, 4], [5]]);
  });

  it('rejects every caller of a failed run, and the next run starts afresh', async () => {
    let fail = true;
    const echo = createGroupCall<number, number>(async (items) => {
      if (fail) throw new Error('database down');
      return items;
    }, 1);
    const results = await Promise.allSettled([echo.call(1), echo.call(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(echo.call(3)).resolves.toBe(3);
  });
});
