import type { Transporter } from 'nodemailer';

export interface CacheableAccount {
  id: number;
  updatedAt: string | Date;
}

interface Entry {
  /** What the pool was built from: the connection fields and the sealed password. */
  version: string;
  /** Where it connects: the address the host was checked at (a new DNS answer builds a new pool). */
  pin: string;
  /** The newest `updatedAt` of the account this pool serves, to tell a stale copy from a newer one. */
  updatedAt: number;
  transporter: Transporter;
  lastUsed: number;
}

const timeOf = (value: string | Date) =>
  value instanceof Date ? value.getTime() : Date.parse(String(value)) || 0;

/** Messages a pool has not finished: queued plus in flight (nodemailer 10's pendingCount). */
const pendingIn = (transporter: Transporter) => {
  const pool = (transporter as unknown as { transporter?: { pendingCount?: () => number } })
    .transporter;
  if (typeof pool?.pendingCount === 'function') return pool.pendingCount();
  return transporter.isIdle() ? 0 : 1;
};

/**
 * One pooled nodemailer transport per account, built on first use and kept while what it connects
 * with is unchanged: a rename or a toggle (a new `updatedAt`, the same `version`) keeps the pool.
 * A copy of an account older than the one the pool serves (a stale index) never replaces it.
 * A replaced, deleted or idle pool is retired: it finishes its queued and in-flight mail, then closes.
 */
export class TransportCache<A extends CacheableAccount> {
  private readonly entries = new Map<number, Entry>();
  private readonly retiring = new Set<Transporter>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly build: (account: A, pin: string) => Transporter,
    private readonly versionOf: (account: A) => string,
    private readonly idleMs: number,
    private readonly drainMs = 60000
  ) {
    this.sweeper = setInterval(() => this.closeIdle(), Math.max(1000, Math.floor(idleMs / 2)));
    this.sweeper.unref();
  }

  get(account: A, pin = ''): Transporter {
    const version = this.versionOf(account);
    const stamp = timeOf(account.updatedAt);
    const entry = this.entries.get(account.id);
    if (entry && ((entry.version === version && entry.pin === pin) || stamp < entry.updatedAt)) {
      entry.lastUsed = Date.now();
      entry.updatedAt = Math.max(entry.updatedAt, stamp);
      return entry.transporter;
    }
    if (entry) this.retire(entry.transporter);
    const transporter = this.build(account, pin);
    this.entries.set(account.id, {
      version,
      pin,
      updatedAt: stamp,
      transporter,
      lastUsed: Date.now(),
    });
    return transporter;
  }

  /** Retires the pools of accounts that are gone, inactive, or connect differently now. */
  retain(current: Iterable<A>) {
    const accounts = new Map<number, A>();
    for (const account of current) accounts.set(account.id, account);
    for (const [id, entry] of this.entries) {
      const account = accounts.get(id);
      if (!account) this.evict(id);
      else if (
        this.versionOf(account) !== entry.version &&
        timeOf(account.updatedAt) >= entry.updatedAt
      )
        this.evict(id);
    }
  }

  evict(id: number) {
    const entry = this.entries.get(id);
    this.entries.delete(id);
    if (entry) this.retire(entry.transporter);
  }

  /** Closes a pool once it has no queued or in-flight mail (at most `drainMs` later). */
  private retire(transporter: Transporter) {
    if (pendingIn(transporter) === 0) return transporter.close();
    this.retiring.add(transporter);
    const started = Date.now();
    const poll = setInterval(() => {
      if (pendingIn(transporter) > 0 && Date.now() - started < this.drainMs) return;
      clearInterval(poll);
      this.retiring.delete(transporter);
      transporter.close();
    }, 50);
    poll.unref();
  }

  closeIdle(now = Date.now()) {
    for (const [id, entry] of this.entries) {
      if (now - entry.lastUsed >= this.idleMs && pendingIn(entry.transporter) === 0) this.evict(id);
    }
  }

  isIdle() {
    for (const entry of this.entries.values()) if (pendingIn(entry.transporter) > 0) return false;
    for (const transporter of this.retiring) if (pendingIn(transporter) > 0) return false;
    return true;
  }

  get size() {
    return this.entries.size;
  }

  closeAll() {
    clearInterval(this.sweeper);
    for (const id of [...this.entries.keys()]) this.evict(id);
  }
}
