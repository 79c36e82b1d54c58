/**
 * Collects items from many concurrent callers and writes them together a moment later; each caller's
 * promise settles when the write that holds its item does. Many sends in flight → one statement.
 */
export const createGroupCommit = <T>(write: (items: T[]) => Promise<void>, delayMs: number) => {
  let pending: T[] = [];
  let scheduled: Promise<void> | null = null;
  return {
    add(item: T): Promise<void> {
      pending.push(item);
      scheduled ??= new Promise<void>((resolve) => setTimeout(resolve, delayMs)).then(() => {
        const items = pending;
        pending = [];
        scheduled = null;
        return write(items);
      });
      return scheduled;
    },
  };
};
