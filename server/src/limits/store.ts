/** One limit of an account: at most `points` (mails, or recipients) in any `durationMs` ending now. */
export interface Window {
  points: number;
  durationMs: number;
}

/** Where the sliding windows are kept (the database, or Redis with BullMQ); every call is atomic across processes. */
export interface SlidingStore {
  /**
   * Room for `weight` more in every window (then counted at `now`), or the first full window's index and when
   * it has room again.
   */
  take(
    accountId: number,
    windows: readonly Window[],
    weight: number,
    now: number
  ): Promise<{ ok: true; ticket: string } | { ok: false; window: number; retryAt: number }>;
  /**
   * Moves a taken mail's count to `at`, when its send ended: a provider counts a mail when it accepted it, which
   * may be a while after the take, so the windows must count it from then.
   */
  settle(accountId: number, ticket: string, at: number): Promise<void>;
  /** Counts `weight` at `now`, whatever the windows hold (mail sent outside the queue). */
  add(accountId: number, weight: number, now: number): Promise<void>;
  /** What each window holds now. */
  usage(accountId: number, windows: readonly Window[], now: number): Promise<number[]>;
  /** Forgets everything counted at or before `before`. */
  prune(before: number): Promise<void>;
}
