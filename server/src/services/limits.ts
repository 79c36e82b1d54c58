import type { Core } from '@strapi/strapi';
import {
  RateLimiterMySQL,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  RateLimiterSQLite,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { LIMIT_WINDOWS, PLUGIN_ID, type LimitField } from '../../../shared/constants';
import { redisClient } from '../queue/redis-connection';
import type { PluginConfig } from '../config';
import type { AccountRow } from '../accounts';

/** Room for one more mail now, or the moment the account's fullest window frees up. */
/** A refusal: the account's `field` window holds `points` mails per `windowMs`, and frees up at `retryAt`. */
export interface NoRoom {
  ok: false;
  retryAt: number;
  field: LimitField;
  points: number;
  windowMs: number;
}
export type Admission = { ok: true } | NoRoom;

type LimitedAccount = Pick<AccountRow, 'id'> & Partial<Pick<AccountRow, LimitField>>;

const TABLE = 'smtp_accounts_rate_limits';
const FIELDS = Object.keys(LIMIT_WINDOWS) as LimitField[];

/** The windows an account has a limit in, shortest first (the cheapest refusal first). */
export const limitsOf = (account: LimitedAccount) =>
  FIELDS.filter((field) => Number.isInteger(account[field]) && (account[field] as number) > 0).map(
    (field) => ({
      field,
      points: account[field] as number,
      duration: LIMIT_WINDOWS[field],
    })
  );

/**
 * Per-account sending limits (messages per minute / hour / day), held across every process by
 * rate-limiter-flexible: in Redis when the queue runs on BullMQ (`queue.redis`), else in a table of
 * Strapi's own database (its atomic upserts on SQLite, PostgreSQL and MySQL/MariaDB). A window is fixed:
 * it starts at the account's first mail and lasts its length (60 s, 1 h, 24 h).
 *
 * `take` is the queue's question: room for one more? (all windows or none: a refusal gives back what
 * the shorter windows took). `count` is for direct sends (password resets and the like): they are
 * counted, so that the queue leaves room, but never held back.
 */
export const createLimitsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get<PluginConfig>(`plugin::${PLUGIN_ID}`);
  const limiters = new Map<string, RateLimiterAbstract>();
  let tableReady: Promise<void> | null = null;

  const storeOptions = () => {
    const redis = config().queue?.redis;
    if (redis) return { kind: 'redis' as const, storeClient: redisClient(redis, 'limits') };
    const knex = strapi.db.connection;
    return { kind: strapi.db.dialect.client as string, storeClient: knex };
  };

  /** One limiter per window and size (the table/keys are shared: a changed limit keeps its window's count). */
  const build = (
    field: LimitField,
    points: number,
    tableCreated: boolean,
    ready?: (error?: Error) => void
  ) => {
    const store = storeOptions();
    const common = { keyPrefix: `${PLUGIN_ID}:${field}`, points, duration: LIMIT_WINDOWS[field] };
    if (store.kind === 'redis')
      return new RateLimiterRedis({ ...common, storeClient: store.storeClient });
    const sql = {
      ...common,
      storeClient: store.storeClient,
      storeType: 'knex',
      tableName: TABLE,
      tableCreated,
      clearExpiredByTimeout: false,
    };
    const callback = ready ?? null;
    if (store.kind === 'postgres') return new RateLimiterPostgres(sql, callback as never);
    if (store.kind === 'mysql') {
      const database = (strapi.db.connection.client.config.connection as { database?: string })
        .database;
      return new RateLimiterMySQL({ ...sql, dbName: database }, callback as never);
    }
    return new RateLimiterSQLite(sql, callback as never);
  };

  /** The table is created once per process by the first limiter (CREATE TABLE IF NOT EXISTS), the others reuse it. */
  const ensureTable = () =>
    (tableReady ??=
      storeOptions().kind === 'redis'
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            limiters.set(
              'sweeper',
              build('limitPerDay', 1, false, (error) => (error ? reject(error) : resolve()))
            );
          }).catch((error: Error) => {
            tableReady = null;
            throw error;
          }));

  const limiter = async (field: LimitField, points: number) => {
    await ensureTable();
    const key = `${field}:${points}`;
    let found = limiters.get(key);
    if (!found) {
      found = build(field, points, true);
      limiters.set(key, found);
    }
    return found;
  };

  const keyOf = (account: LimitedAccount) => `a${account.id}`;

  return {
    limitsOf,

    /** Room for one more mail in every window of the account (taken if so), or when to try again. */
    async take(account: LimitedAccount): Promise<Admission> {
      const windows = limitsOf(account);
      const taken: RateLimiterAbstract[] = [];
      for (const window of windows) {
        const found = await limiter(window.field, window.points);
        try {
          await found.consume(keyOf(account), 1);
          taken.push(found);
        } catch (refusal) {
          if (!(refusal instanceof RateLimiterRes)) throw refusal;
          // all or nothing: the shorter windows give back the mail this one refused
          await Promise.all(taken.map((other) => other.reward(keyOf(account), 1)));
          return {
            ok: false,
            retryAt: Date.now() + Math.max(1, refusal.msBeforeNext),
            field: window.field,
            points: window.points,
            windowMs: window.duration * 1000,
          };
        }
      }
      return { ok: true };
    },

    /** Counts a mail sent outside the queue: it uses the mailbox's quota, and is never refused. */
    async count(account: LimitedAccount): Promise<void> {
      for (const window of limitsOf(account))
        await (await limiter(window.field, window.points)).penalty(keyOf(account), 1);
    },

    /** Mails counted in each of the account's windows now (for the panel and the bench). */
    async usage(account: LimitedAccount): Promise<Partial<Record<LimitField, number>>> {
      const out: Partial<Record<LimitField, number>> = {};
      for (const window of limitsOf(account)) {
        const state = await (await limiter(window.field, window.points)).get(keyOf(account));
        out[window.field] = state?.consumedPoints ?? 0;
      }
      return out;
    },
  };
};

export type LimitsService = ReturnType<typeof createLimitsService>;
