import type { Core } from '@strapi/strapi';
import { SEND_LOG_UID, SMTP_STAGES, type SmtpStage } from '../../../shared/constants';
import type { AccountStore } from '../accounts';
import type { AccountHealth, AccountHealthStatus } from '../../../shared/contracts/health';
import type { SendAttempt } from '../../../shared/contracts/send-log';

export const HEALTH_WINDOW_HOURS = 24;
/** Failover entries (more than one attempt) read per health query; they are rare, this bounds the worst case. */
const MAX_FAILOVER_ROWS = 2000;

/**
 * What one source knows about accounts. Today the send log is the only source; a scheduled re-check or
 * an OAuth token state (later issues) registers its own with `addSource` and the same status rule applies.
 */
export interface HealthFacts {
  lastSuccessAt?: Date;
  lastFailure?: { at: Date; stage: SmtpStage | null; code: string | null };
  sent?: number;
  failed?: number;
  /** An OAuth2 account that lost its grant: the account is `reauth-required`. */
  needsReauthorization?: boolean;
}
export type HealthSource = (window: {
  since: Date;
  accountIds: number[];
}) => Promise<Map<number, HealthFacts>>;

const toDate = (value: unknown): Date | undefined => {
  if (value === null || value === undefined) return undefined;
  const date =
    value instanceof Date
      ? value
      : new Date(
          typeof value === 'string' && /^\d+$/.test(value)
            ? Number(value)
            : (value as string | number)
        );
  return Number.isNaN(date.getTime()) ? undefined : date;
};
const toStage = (value: unknown): SmtpStage | null =>
  (SMTP_STAGES as readonly string[]).includes(String(value)) ? (value as SmtpStage) : null;
const parseAttempts = (value: unknown): SendAttempt[] => {
  try {
    const parsed = typeof value === 'string' ? JSON.parse(value) : value;
    return Array.isArray(parsed) ? (parsed as SendAttempt[]) : [];
  } catch {
    return [];
  }
};

/** Later facts win for "last …" fields; counts add up. */
const merge = (into: HealthFacts, facts: HealthFacts) => {
  if (facts.lastSuccessAt && (!into.lastSuccessAt || facts.lastSuccessAt > into.lastSuccessAt))
    into.lastSuccessAt = facts.lastSuccessAt;
  if (facts.lastFailure && (!into.lastFailure || facts.lastFailure.at > into.lastFailure.at))
    into.lastFailure = facts.lastFailure;
  into.sent = (into.sent ?? 0) + (facts.sent ?? 0);
  into.failed = (into.failed ?? 0) + (facts.failed ?? 0);
  into.needsReauthorization = into.needsReauthorization || facts.needsReauthorization;
};

/** The status rule: the account's most recent attempt decides (a failure at the same instant counts as failing). */
export const decideStatus = (facts: HealthFacts): AccountHealthStatus => {
  if (facts.needsReauthorization) return 'reauth-required';
  if (!facts.lastSuccessAt && !facts.lastFailure) return 'unused';
  if (facts.lastFailure && (!facts.lastSuccessAt || facts.lastFailure.at >= facts.lastSuccessAt))
    return 'failing';
  return 'ok';
};

/**
 * The send log as a health source, in four aggregate queries whatever the number of accounts or mails:
 * counts per (account, status) in the window; the newest entry id per (account, status); those entries
 * (for the time and the failed stage); and the window's failover entries, whose earlier attempts are
 * failures of accounts other than the one that ended the mail.
 */
const sendLogSource =
  (strapi: Core.Strapi): HealthSource =>
  async ({ since }) => {
    const meta = strapi.db.metadata.get(SEND_LOG_UID);
    const attributes = meta.attributes as Record<string, { columnName?: string }>;
    const col = (attribute: string) => attributes[attribute]?.columnName ?? attribute;
    const table = () => strapi.db.connection(meta.tableName);
    const [accountId, status, id, createdAt, attemptLog, attempts] = [
      'accountId',
      'status',
      'id',
      'createdAt',
      'attemptLog',
      'attempts',
    ].map(col);

    const counts = (await table()
      .select({ accountId, status })
      .count({ n: '*' })
      .where(createdAt, '>=', since)
      .whereNotNull(accountId)
      .groupBy(accountId, status)) as { accountId: unknown; status: string; n: unknown }[];
    const newest = (await table()
      .select({ accountId, status })
      .max({ lastId: id })
      .whereNotNull(accountId)
      .whereIn(status, ['sent', 'failed'])
      .groupBy(accountId, status)) as { accountId: unknown; status: string; lastId: unknown }[];
    const newestIds = newest.map((row) => Number(row.lastId)).filter(Number.isSafeInteger);
    const newestRows = newestIds.length
      ? ((await table()
          .select({ id, accountId, status, createdAt, attemptLog })
          .whereIn(id, newestIds)) as Record<string, unknown>[])
      : [];
    const failovers = (await table()
      .select({ id, accountId, createdAt, attemptLog })
      .where(createdAt, '>=', since)
      .where(attempts, '>', 1)
      .orderBy(id, 'desc')
      .limit(MAX_FAILOVER_ROWS)) as Record<string, unknown>[];

    const facts = new Map<number, HealthFacts>();
    const add = (account: number, more: HealthFacts) => {
      const current = facts.get(account) ?? {};
      merge(current, more);
      facts.set(account, current);
    };
    for (const row of counts) {
      const n = Number(row.n);
      if (row.status === 'sent') add(Number(row.accountId), { sent: n });
      if (row.status === 'failed') add(Number(row.accountId), { failed: n });
    }
    for (const row of newestRows) {
      const at = toDate(row.createdAt);
      if (!at) continue;
      if (row.status === 'sent') add(Number(row.accountId), { lastSuccessAt: at });
      else {
        const last = parseAttempts(row.attemptLog)
          .filter((a) => a.accountId === Number(row.accountId))
          .pop();
        add(Number(row.accountId), {
          lastFailure: { at, stage: toStage(last?.stage), code: last?.code ?? null },
        });
      }
    }
    for (const row of failovers) {
      const at = toDate(row.createdAt);
      if (!at) continue;
      const list = parseAttempts(row.attemptLog);
      // the last attempt is the row's own account (counted above); earlier failed ones are other accounts' failures
      for (const attempt of list.slice(0, -1)) {
        if (attempt.ok || !attempt.accountId) continue;
        add(attempt.accountId, {
          failed: 1,
          lastFailure: { at, stage: toStage(attempt.stage), code: attempt.code ?? null },
        });
      }
    }
    return facts;
  };

/**
 * The accounts' own rows as a source: the scheduled re-check's outcome (lastCheckAt, and the failing
 * state it or a send recorded, see account-watch) and the OAuth2 state (a lost grant).
 */
const accountStateSource =
  (store: AccountStore): HealthSource =>
  async () => {
    const rows = (await store.healthRows()) as unknown as Record<string, unknown>[];
    const facts = new Map<number, HealthFacts>();
    for (const row of rows) {
      const fact: HealthFacts = {};
      const since = toDate(row.healthSince);
      const checked = toDate(row.lastCheckAt);
      if (row.healthState === 'failing' && since)
        fact.lastFailure = { at: since, stage: toStage(row.healthStage), code: null };
      if (row.healthState === 'ok' && checked) fact.lastSuccessAt = checked;
      if (
        row.healthState === 'reauth-required' ||
        (row.authType === 'oauth2' && row.oauthStatus === 'reauth-required')
      )
        fact.needsReauthorization = true;
      facts.set(Number(row.id), fact);
    }
    return facts;
  };

/** One owner of "how is this account doing": the list's badge, the widget and (later) re-checks read it here. */
export const createAccountHealth = (deps: {
  strapi: Core.Strapi;
  store: AccountStore;
  flushLog: () => Promise<void>;
}) => {
  const { strapi, store } = deps;
  const sources: HealthSource[] = [sendLogSource(strapi), accountStateSource(store)];

  return {
    /** Adds a source of facts (a scheduled re-check, an OAuth token state …). */
    addSource(source: HealthSource) {
      sources.push(source);
    },

    /** Health of every account (or of `ids`), over the last `windowHours`. */
    async list({
      windowHours = HEALTH_WINDOW_HOURS,
      ids,
    }: { windowHours?: number; ids?: number[] } = {}) {
      const since = new Date(Date.now() - windowHours * 60 * 60 * 1000);
      // entries still queued for the next batch count too
      await deps.flushLog();
      const accountIds = ids ?? (await store.ids());
      const facts = new Map<number, HealthFacts>(accountIds.map((accountId) => [accountId, {}]));
      for (const source of sources) {
        for (const [accountId, more] of await source({ since, accountIds })) {
          const current = facts.get(accountId);
          if (current) merge(current, more);
        }
      }
      const data: AccountHealth[] = [...facts].map(([accountId, f]) => ({
        accountId,
        status: decideStatus(f),
        lastSuccessAt: f.lastSuccessAt?.toISOString() ?? null,
        lastFailure: f.lastFailure
          ? {
              at: f.lastFailure.at.toISOString(),
              stage: f.lastFailure.stage,
              code: f.lastFailure.code,
            }
          : null,
        sent: f.sent ?? 0,
        failed: f.failed ?? 0,
      }));
      return { data, meta: { windowHours, since: since.toISOString() } };
    },

    /** The home-page widget: mails per status in the window, and the failing accounts (two queries more). */
    async summary({ windowHours = HEALTH_WINDOW_HOURS }: { windowHours?: number } = {}) {
      const health = await this.list({ windowHours });
      const since = new Date(health.meta.since);
      const logMeta = strapi.db.metadata.get(SEND_LOG_UID);
      const column = (attribute: string) =>
        (logMeta.attributes as Record<string, { columnName?: string }>)[attribute]?.columnName ??
        attribute;
      const perStatus = (await strapi.db
        .connection(logMeta.tableName)
        .select({ status: column('status') })
        .count({ n: '*' })
        .where(column('createdAt'), '>=', since)
        .groupBy(column('status'))) as { status: string; n: unknown }[];
      const counts = { sent: 0, failed: 0, fallback: 0 };
      for (const row of perStatus)
        if (row.status in counts) counts[row.status as keyof typeof counts] = Number(row.n);
      const failing = health.data.filter((h) => h.status === 'failing');
      const accounts = await store.refs(failing.map((h) => h.accountId));
      const byId = new Map(accounts.map((a) => [Number(a.id), a]));
      const failingAccounts = failing.map((h) => ({
        id: h.accountId,
        name: byId.get(h.accountId)?.name ?? '',
        email: byId.get(h.accountId)?.email ?? '',
        lastFailureAt: h.lastFailure?.at ?? null,
        stage: h.lastFailure?.stage ?? null,
      }));
      return { windowHours, since: health.meta.since, counts, failingAccounts };
    },
  };
};

export type AccountHealthService = ReturnType<typeof createAccountHealth>;
