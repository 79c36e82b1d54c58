import type { Core } from '@strapi/strapi';
import { LIMIT_WINDOWS, PLUGIN_ID, type LimitField } from '../../../shared/constants';
import { redisClient } from '../queue/redis-connection';
import type { PluginConfig } from '../config';
import type { AccountRow } from '../accounts';
import { createRedisStore } from './redis-store';
import { createSqlStore } from './sql-store';
import type { SlidingStore } from './store';

/**
 * A refusal: the account's `field` limit allows `points` per `windowMs`, and has room again at `retryAt`.
 * `never`: the mail alone is over the limit (more recipients than it allows): this account can never take it.
 */
export interface NoRoom {
  ok: false;
  retryAt: number;
  field: LimitField;
  points: number;
  windowMs: number;
  never?: boolean;
}
/** Room: `ticket` names the counted mail (null: the account has no limit), for `settle` when its send ends. */
export type Admission = { ok: true; ticket: string | null } | NoRoom;

type LimitedAccount = Pick<AccountRow, 'id'> &
  Partial<Pick<AccountRow, LimitField | 'limitCounts'>>;

const FIELDS = Object.keys(LIMIT_WINDOWS) as LimitField[];
const DAY_MS = 86_400_000;

/** The windows an account has a limit in, shortest first (the cheapest refusal first). */
export const limitsOf = (account: LimitedAccount) =>
  FIELDS.filter((field) => Number.isInteger(account[field]) && (account[field] as number) > 0).map(
    (field) => ({
      field,
      points: account[field] as number,
      durationMs: LIMIT_WINDOWS[field] * 1000,
    })
  );

/** What one mail counts for: 1, or its number of recipients when the account's limits count recipients. */
export const weightOf = (account: LimitedAccount, recipients: number) =>
  account.limitCounts === 'recipients' ? Math.max(1, recipients) : 1;

/**
 * Per-account sending limits (per minute / hour / day), held in **every sliding window** across every
 * process: a mail is admitted only if the last 60 s, 1 h and 24 h, counted back from now, hold fewer than the
 * limit with it. The count is kept in Redis when the queue runs on BullMQ (`queue.redis`), else in Strapi's
 * own database (see sql-store.ts and redis-store.ts). A limit counts mails, or recipients
 * (`limitCounts: 'recipients'`, as Exchange Online and Gmail count).
 *
 * `take` is the queue's question: room for this mail? (all windows or none), and `settle` its answer when the
 * send ended (the mail then counts from that moment). `count` is for direct sends
 * (password resets and the like): they are counted, so that the queue leaves room, but never held back.
 */
export const createLimitsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get<PluginConfig>(`plugin::${PLUGIN_ID}`);
  let store: SlidingStore | null = null;
  const storeOf = () => {
    if (store) return store;
    const redis = config().queue?.redis;
    store = redis
      ? createRedisStore(() => redisClient(redis, 'limits'))
      : createSqlStore(() => strapi.db.connection, strapi.db.dialect.client as string);
    return store;
  };

  return {
    limitsOf,

    /** Room for this mail in every window of the account (counted if so), or when to try again. */
    async take(account: LimitedAccount, recipients = 1, now = Date.now()): Promise<Admission> {
      const windows = limitsOf(account);
      if (windows.length === 0) return { ok: true, ticket: null };
      const weight = weightOf(account, recipients);
      const tooBig = windows.find((window) => weight > window.points);
      if (tooBig)
        return {
          ok: false,
          never: true,
          retryAt: Number.POSITIVE_INFINITY,
          field: tooBig.field,
          points: tooBig.points,
          windowMs: tooBig.durationMs,
        };
      const answer = await storeOf().take(account.id, windows, weight, now);
      if (!('window' in answer)) return { ok: true, ticket: answer.ticket };
      const window = windows[answer.window];
      return {
        ok: false,
        retryAt: Math.max(now + 1, answer.retryAt),
        field: window.field,
        points: window.points,
        windowMs: window.durationMs,
      };
    },

    /**
     * The send of a mail `take` admitted has ended (sent or not): its count moves to now. A provider counts a mail
     * when it accepts it, up to a send's length after the take; counted from the end, the next mail admitted for
     * a full window goes out a whole window after the provider counted this one.
     */
    async settle(account: LimitedAccount, ticket: string, now = Date.now()): Promise<void> {
      await storeOf().settle(account.id, ticket, now);
    },

    /** Counts a mail sent outside the queue: it uses the mailbox's quota, and is never refused. */
    async count(account: LimitedAccount, recipients = 1, now = Date.now()): Promise<void> {
      if (limitsOf(account).length === 0) return;
      await storeOf().add(account.id, weightOf(account, recipients), now);
    },

    /** What each of the account's windows holds now, counted back from now (for the panel and the bench). */
    async usage(
      account: LimitedAccount,
      now = Date.now()
    ): Promise<Partial<Record<LimitField, number>>> {
      const windows = limitsOf(account);
      const used = await storeOf().usage(account.id, windows, now);
      return Object.fromEntries(windows.map((window, i) => [window.field, used[i]]));
    },

    /** Forgets counts older than a day (the longest window): the hourly retention job. */
    async prune(now = Date.now()) {
      await storeOf().prune(now - DAY_MS);
    },
  };
};

export type LimitsService = ReturnType<typeof createLimitsService>;
