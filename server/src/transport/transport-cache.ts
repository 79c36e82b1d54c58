import type { Transporter } from 'nodemailer';

export interface CacheableAccount {
  id: number;
  updatedAt: string | Date;
}

interface Entry {
  version: string;
  transporter: Transporter;
  lastUsed: number;
}

const versionOf = (account: CacheableAccount) => String(account.updatedAt instanceof Date ? account.updatedAt.getTime() : account.updatedAt);

/**
 * One pooled nodemailer transport per account, built on first use and kept while the account is
 * unchanged. A changed account (new `updatedAt`) gets a new transport; a deleted or deactivated
 * one has its pool closed; a pool unused for `idleMs` is closed and rebuilt when needed again.
 */
export class TransportCache<A extends CacheableAccount> {
  private readonly entries = new Map<number, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly build: (account: A) => Transporter,
    private readonly idleMs: number
  ) {
    this.sweeper = setInterval(() => this.closeIdle(), Math.max(1000, Math.floor(idleMs / 2)));
    this.sweeper.unref();
  }

  get(account: A): Transporter {
    const version = versionOf(account);
    const entry = this.entries.get(account.id);
    if (entry && entry.version === version) {
      entry.lastUsed = Date.now();
      return entry.transporter;
    }
    entry?.transporter.close();
    const transporter = this.build(account);
    this.entries.set(account.id, { version, transporter, lastUsed: Date.now() });
    return transporter;
  }

  /** Closes the transports of accounts that are gone, inactive or changed. */
  retain(current: Iterable<A>) {
    const versions = new Map<number, string>();
    for (const account of current) versions.set(account.id, versionOf(account));
    for (const [id, entry] of this.entries) {
      if (versions.get(id) !== entry.version) this.evict(id);
    }
  }

  evict(id: number) {
    this.entries.get(id)?.transporter.close();
    this.entries.delete(id);
  }

  closeIdle(now = Date.now()) {
    for (const [id, entry] of this.entries) {
      if (now - entry.lastUsed >= this.idleMs && entry.transporter.isIdle()) this.evict(id);
    }
  }

  isIdle() {
    for (const entry of this.entries.values()) if (!entry.transporter.isIdle()) return false;
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
