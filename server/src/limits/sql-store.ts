import type { Knex } from 'knex';
import type { SlidingStore, Window } from './store';

const TABLE = 'smtp_accounts_limit_sends';
const LOCKS = 'smtp_accounts_limit_locks';

/**
 * The sliding windows in Strapi's own database (SQLite, PostgreSQL, MySQL/MariaDB): one row per counted mail
 * (account, time in ms, weight). A take is one transaction that holds the account's row of the lock table
 * (`SELECT … FOR UPDATE`; SQLite has one writer anyway), sums each window and adds the mail, so two processes
 * never both take the last room. Rows older than the longest window are deleted by `prune` (hourly).
 */
export const createSqlStore = (knex: () => Knex, dialect: string): SlidingStore => {
  let ready: Promise<void> | null = null;

  const create = async () => {
    // a new schema builder per statement (one builder accumulates its statements)
    const schema = () => knex().schema;
    try {
      if (!(await schema().hasTable(TABLE)))
        await schema().createTable(TABLE, (table) => {
          table.increments('id');
          table.integer('account_id').notNullable();
          table.bigInteger('at').notNullable();
          table.integer('weight').notNullable();
          table.index(['account_id', 'at'], `${TABLE}_account_at_idx`);
        });
      if (!(await schema().hasTable(LOCKS)))
        await schema().createTable(LOCKS, (table) => {
          table.integer('account_id').primary();
        });
    } catch (error) {
      // another process made them meanwhile
      if (!(await schema().hasTable(TABLE)) || !(await schema().hasTable(LOCKS))) throw error;
    }
  };
  const ensure = () =>
    (ready ??= create().catch((error: Error) => {
      ready = null;
      throw error;
    }));

  /** MySQL's default REPEATABLE READ would sum an older snapshot: each statement must see the latest commits. */
  const trxOptions =
    dialect === 'mysql' ? { isolationLevel: 'read committed' as const } : undefined;

  /**
   * The account's lock row is made once per process, outside the take's transaction (on MySQL an INSERT IGNORE of
   * an existing key takes a shared lock, and two takes upgrading theirs to FOR UPDATE would deadlock).
   */
  const lockRows = new Map<number, Promise<unknown>>();
  const lockRow = (accountId: number) => {
    let made = lockRows.get(accountId);
    if (!made) {
      made = Promise.resolve(
        knex()(LOCKS).insert({ account_id: accountId }).onConflict('account_id').ignore()
      ).catch((error: Error) => {
        lockRows.delete(accountId);
        throw error;
      });
      lockRows.set(accountId, made);
    }
    return made;
  };
  const lock = (trx: Knex.Transaction, accountId: number) =>
    trx(LOCKS).select('account_id').where('account_id', accountId).forUpdate();

  const sums = async (
    db: Knex | Knex.Transaction,
    accountId: number,
    windows: readonly Window[],
    now: number
  ) => {
    if (windows.length === 0) return [];
    const oldest = now - Math.max(...windows.map((w) => w.durationMs));
    const columns = windows
      .map((_, i) => `COALESCE(SUM(CASE WHEN at > ? THEN weight ELSE 0 END), 0) AS w${i}`)
      .join(', ');
    const row = (await db(TABLE)
      .select(
        db.raw(
          columns,
          windows.map((w) => now - w.durationMs)
        )
      )
      .where('account_id', accountId)
      .andWhere('at', '>', oldest)
      .first()) as Record<string, unknown> | undefined;
    return windows.map((_, i) => Number(row?.[`w${i}`] ?? 0));
  };

  /** When the window has room for `weight` again: the moment enough of its oldest mails leave it. */
  const freedAt = async (
    db: Knex | Knex.Transaction,
    accountId: number,
    window: Window,
    need: number,
    now: number
  ) => {
    const rows = (await db(TABLE)
      .select('at', 'weight')
      .where('account_id', accountId)
      .andWhere('at', '>', now - window.durationMs)
      .orderBy([{ column: 'at' }, { column: 'id' }])
      .limit(need)) as { at: unknown; weight: unknown }[];
    let freed = 0;
    for (const row of rows) {
      freed += Number(row.weight);
      if (freed >= need) return Number(row.at) + window.durationMs + 1;
    }
    return now + window.durationMs;
  };

  return {
    async take(accountId, windows, weight, now) {
      await ensure();
      await lockRow(accountId);
      return knex().transaction(async (trx) => {
        await lock(trx, accountId);
        const used = await sums(trx, accountId, windows, now);
        for (let i = 0; i < windows.length; i += 1) {
          if (used[i] + weight > windows[i].points)
            return {
              ok: false as const,
              window: i,
              retryAt: await freedAt(
                trx,
                accountId,
                windows[i],
                used[i] + weight - windows[i].points,
                now
              ),
            };
        }
        const row = { account_id: accountId, at: now, weight };
        const [made] = (
          dialect === 'postgres'
            ? await trx(TABLE).insert(row, ['id'])
            : await trx(TABLE).insert(row)
        ) as (number | { id: number })[];
        return { ok: true as const, ticket: String(typeof made === 'object' ? made.id : made) };
      }, trxOptions);
    },

    async settle(_accountId, ticket, at) {
      await knex()(TABLE).where('id', Number(ticket)).update({ at });
    },

    async add(accountId, weight, now) {
      await ensure();
      await knex()(TABLE).insert({ account_id: accountId, at: now, weight });
    },

    async usage(accountId, windows, now) {
      await ensure();
      return sums(knex(), accountId, windows, now);
    },

    async prune(before) {
      await ensure();
      await knex()(TABLE).where('at', '<=', before).delete();
    },
  };
};
