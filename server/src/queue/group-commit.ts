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

/**
 * Like `createGroupCommit`, for a question with an answer per item: the calls made within `delayMs` are asked
 * together (one statement), and each caller gets its own answer (`run` answers in the items' order).
 */
export const createGroupCall = <T, R>(run: (items: T[]) => Promise<R[]>, delayMs: number) => {
  let pending: { item: T; resolve: (answer: R) => void; reject: (error: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    const asked = pending;
    pending = [];
    timer = null;
    run(asked.map((call) => call.item)).then(
      (answers) => asked.forEach((call, i) => call.resolve(answers[i])),
      (error) => asked.forEach((call) => call.reject(error))
    );
  };
  return {
    call(item: T): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        timer ??= setTimeout(flush, delayMs);
      });
    },
  };
};
