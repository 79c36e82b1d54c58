import type { Core } from '@strapi/strapi';
import nodemailer from 'nodemailer';
import { PLUGIN_ID, SMTP_ACCOUNT_UID } from '../../../shared/constants';
import { getService } from '../get-service';
import type { PluginConfig } from '../config';
import { AccountIndex } from '../routing/resolve-account';
import { secretForms } from '../redaction/redact';
import { createHostPolicy, type HostPolicy } from '../transport/host-policy';
import { buildTransportOptions } from '../transport/options';
import { TransportCache } from '../transport/transport-cache';
import type { StoredAccount } from './accounts';

/**
 * The active accounts in memory, for routing without a database query per send, and their
 * pooled transports. Any write to the table (see the content type's lifecycles) invalidates it;
 * the next send reloads once, however many sends are waiting.
 */
const createAccountIndexService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get<PluginConfig>(`plugin::${PLUGIN_ID}`);
  let current: AccountIndex<StoredAccount> | null = null;
  let loading: Promise<AccountIndex<StoredAccount>> | null = null;
  let generation = 0;
  let transports: TransportCache<StoredAccount> | null = null;
  let fingerprint = '';
  let lastSync = Date.now();

  /** A secret this key cannot open (imported from another app, key changed) cannot log in: not a candidate. */
  const usable = (row: StoredAccount) => {
    if (getService(strapi, 'secrets').secretsState(row) !== 'unreadable') return true;
    const fix = row.authType === 'oauth2' ? 'Enter the client secret again and reconnect the account.' : 'Re-enter the password.';
    strapi.log.warn(`[${PLUGIN_ID}] SMTP account #${row.id} <${row.email}> takes no part in routing: a stored secret cannot be decrypted (EDECRYPT). ${fix}`);
    return false;
  };

  /** Changes only when a row is added, removed or updated, whichever process did it. */
  const readFingerprint = async () => {
    const query = strapi.db.query(SMTP_ACCOUNT_UID);
    const [count, newest] = await Promise.all([query.count(), query.findOne({ select: ['updatedAt'], orderBy: { updatedAt: 'desc' } })]);
    const updatedAt = newest?.updatedAt instanceof Date ? newest.updatedAt.getTime() : String(newest?.updatedAt ?? '');
    return `${count}:${updatedAt}`;
  };

  /** Per account, the forms its password may be echoed in (see redaction/redact), for every text the send path writes. */
  const secretsById = new Map<number, string[]>();

  const buildTransport = (account: StoredAccount, address: string) => {
    const password = account.password && account.authType !== 'oauth2' ? getService(strapi, 'secrets').decrypt(account.password) : '';
    secretsById.set(account.id, secretForms({ user: account.username, pass: password }));
    const { pool } = config();
    const tokens = (renew: boolean) => getService(strapi, 'oauth').accessToken(account.id, renew);
    return nodemailer.createTransport({
      ...buildTransportOptions({ ...account, password, address: address || undefined }, config(), tokens),
      pool: true,
      maxConnections: pool.maxConnections,
      maxMessages: pool.maxMessages,
    });
  };

  /** A pool is rebuilt only when what it connects with changes: not on a rename or a toggle. */
  const connectionVersion = (account: StoredAccount) =>
    JSON.stringify([account.host, account.port, account.security, account.authType, account.username ?? '', account.password ?? '', account.oauthClientId ?? '']);

  const cache = () => (transports ??= new TransportCache<StoredAccount>(buildTransport, connectionVersion, config().pool.idleMs));

  // the host policy's answer per host, for a minute (a DNS look-up per send would cost more than the send)
  let hostPolicy: HostPolicy | null = null;
  const admitted = new Map<string, { until: number; address: string; denied: Error | null }>();
  const ADMIT_TTL_MS = 60000;

  const load = async () => {
    const startedAt = generation;
    fingerprint = await readFingerprint();
    // an OAuth2 account sends only once signed in (not pending, not waiting for re-authorization)
    const rows = ((await strapi.db.query(SMTP_ACCOUNT_UID).findMany({ where: { active: true } })) as StoredAccount[])
      .filter((row) => row.authType !== 'oauth2' || row.oauthStatus === 'connected')
      .filter(usable);
    const index = new AccountIndex(rows);
    cache().retain(rows);
    // a write that landed while we were reading makes this copy stale already: keep it for this
    // caller only and let the next send reload
    if (startedAt === generation) current = index;
    return index;
  };

  return {
    /** The index of active accounts; a cached object in steady state. */
    get(): Promise<AccountIndex<StoredAccount>> | AccountIndex<StoredAccount> {
      if (current) return current;
      loading ??= load().finally(() => {
        loading = null;
      });
      return loading;
    },

    /**
     * Another process may have changed accounts or settings in the shared database: at most once
     * per `sync.intervalMs`, compare a cheap fingerprint (count + newest updatedAt) and reload if it moved.
     */
    async syncIfDue() {
      const now = Date.now();
      if (now - lastSync < config().sync.intervalMs) return;
      lastSync = now;
      getService(strapi, 'settings').reload();
      if (current && (await readFingerprint()) !== fingerprint) this.invalidate();
    },

    invalidate() {
      generation += 1;
      current = null;
      getService(strapi, 'accountWatch').forget();
    },

    /** The pooled transport of this account, connecting to `address` (see admitHost). */
    transportFor(account: StoredAccount, address?: string) {
      return cache().get(account, address);
    },

    /** The forms of this account's password to cut out of replies and errors (empty until its pool is built). */
    secretsOf(accountId: number, username = ''): readonly string[] {
      return [...(secretsById.get(accountId) ?? []), ...getService(strapi, 'oauth').tokenFormsOf(accountId, username)];
    },

    /**
     * The address to connect to for this host, checked by the plugin's `hosts` policy (HostDeniedError
     * when refused). Answered from memory for a minute: a DNS look-up per send would cost more than the send.
     */
    async admitHost(host: string): Promise<string> {
      const now = Date.now();
      const known = admitted.get(host);
      if (known && known.until > now) {
        if (known.denied) throw known.denied;
        return known.address;
      }
      hostPolicy ??= createHostPolicy(config().hosts);
      let address = '';
      let denied: Error | null = null;
      try {
        address = await hostPolicy.admit(host);
      } catch (error) {
        denied = error as Error;
      }
      if (admitted.size > 10000) admitted.clear();
      admitted.set(host, { until: now + ADMIT_TTL_MS, address, denied });
      if (denied) throw denied;
      return address;
    },

    transportsIdle() {
      return transports ? transports.isIdle() : true;
    },

    close() {
      transports?.closeAll();
      transports = null;
      current = null;
      secretsById.clear();
    },
  };
};

export type AccountIndexService = ReturnType<typeof createAccountIndexService>;
export default createAccountIndexService;
