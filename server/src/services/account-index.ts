import type { AccountRow, Accounts } from '../accounts';
import { AccountIndex } from '../routing/resolve-account';

/**
 * The accounts that can send, in memory, for routing without a database query per mail. Any write to the
 * table (the account store tells its listeners) invalidates it; the next send reloads once, however many
 * sends are waiting. Another process's writes are seen at the next `syncIfDue`.
 */
export const createAccountIndex = (deps: {
  accounts: Pick<Accounts, 'store' | 'connections' | 'credentialsUsable'>;
  syncIntervalMs: () => number;
  /** Another process may have changed the settings too: re-read them at each sync. */
  reloadSettings: () => void;
  /** What else keeps per-account memory that a reload must drop (the health watch). */
  onInvalidate: () => void;
  warn: (message: string) => void;
}) => {
  const { store, connections } = deps.accounts;
  let current: AccountIndex<AccountRow> | null = null;
  let loading: Promise<AccountIndex<AccountRow>> | null = null;
  let generation = 0;
  let fingerprint = '';
  let lastSync = Date.now();

  /** An active account sends when it can sign in as stored: OAuth2 once connected, any secret it needs present and readable here. */
  const routable = (row: AccountRow) => {
    if (row.authType === 'oauth2' && row.oauthStatus !== 'connected') return false;
    if (deps.accounts.credentialsUsable(row)) return true;
    const fix =
      row.authType === 'oauth2'
        ? 'Enter the client secret again and reconnect the account.'
        : 'Re-enter the password.';
    deps.warn(
      `SMTP account #${row.id} <${row.email}> takes no part in routing: a secret it needs is missing, or cannot be decrypted here (EDECRYPT). ${fix}`
    );
    return false;
  };

  const load = async () => {
    const startedAt = generation;
    fingerprint = await store.fingerprint();
    const rows = (await store.listActive()).filter(routable);
    const index = new AccountIndex(rows);
    connections.retain(rows);
    // a write that landed while we were reading makes this copy stale already: keep it for this caller only
    if (startedAt === generation) current = index;
    return index;
  };

  const accountIndex = {
    /** The index of the accounts that can send; a cached object in steady state. */
    get(): Promise<AccountIndex<AccountRow>> | AccountIndex<AccountRow> {
      if (current) return current;
      loading ??= load().finally(() => {
        loading = null;
      });
      return loading;
    },

    /**
     * Another process may have changed accounts or settings in the shared database: at most once per
     * `sync.intervalMs`, compare a cheap fingerprint (count + newest updatedAt) and reload if it moved.
     */
    async syncIfDue() {
      const now = Date.now();
      if (now - lastSync < deps.syncIntervalMs()) return;
      lastSync = now;
      deps.reloadSettings();
      if (current && (await store.fingerprint()) !== fingerprint) accountIndex.invalidate();
    },

    invalidate() {
      generation += 1;
      current = null;
      deps.onInvalidate();
    },

    /** Closes every pooled connection (the next send opens new ones) and forgets the index. */
    close() {
      connections.close();
      current = null;
    },
  };
  return accountIndex;
};

export type AccountIndexService = ReturnType<typeof createAccountIndex>;
