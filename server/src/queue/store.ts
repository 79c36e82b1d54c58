import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  BATCH_UID,
  QUEUED_MAIL_UID,
  type BatchState,
  type QueuedMailState,
} from '../../../shared/constants';
import type {
  BatchAccountShare,
  BatchCounts,
  BatchRejection,
} from '../../../shared/contracts/campaigns';
import type { LogRows } from '../services/send-log';
import type { EmailOptions } from '../transport/message';

/** A message as a process takes it to send. */
export interface ClaimedMail {
  id: number;
  batchId: number;
  seq: number;
  message: EmailOptions;
  messageId: string;
  /** Taken back from a process that stopped answering mid-send: it may have gone out already. */
  uncertain: boolean;
  /** Earlier tries that failed for a reason that may pass. */
  retries: number;
}

export interface NewQueuedMail {
  seq: number;
  message: EmailOptions;
  messageId: string;
}

/** How a message ended, written with the others of the same kind in one UPDATE. */
export interface FinishedMail {
  id: number;
  state: Extract<QueuedMailState, 'sent' | 'failed' | 'cancelled' | 'suppressed'>;
  accountId: number | null;
  accountEmail: string | null;
  errorCode: string | null;
}

export interface StoredBatch {
  id: number;
  campaign: string | null;
  newsletter: boolean | number;
  state: BatchState;
  total: number;
  rejected: number;
  rejections: BatchRejection[] | string | null;
  enqueueError: string | null;
  createdAt: string | Date;
  finishedAt: string | Date | null;
}

/** Rows of one insert: a row has ~15 columns, and databases cap the parameters of one statement. */
const INSERT_CHUNK = 200;
/**
 * PostgreSQL plans the claims from the table's statistics, and autovacuum's analyze comes late for a table that
 * grew by a campaign a minute ago: with statistics that say "few queued rows", a claim reads every queued row of
 * the batch (measured: 9,342 rows filtered to take 6, 3–6 ms a claim). The intake analyzes the table itself once a
 * batch has this many new rows, and again each time the batch has grown by half.
 */
const ANALYZE_AFTER_ROWS = 2000;
/** Send-log rows of one insert (~20 columns each: databases cap the parameters of one statement). */
const LOG_ROWS_PER_STATEMENT = 200;
/** Ids of one `WHERE id IN (…)`. */
const ID_CHUNK = 500;

const chunks = <T>(items: T[], size: number) => {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out;
};

const parseJson = <T>(value: unknown): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : (value as T);

/**
 * The queue's tables, for both engines: the batches, and one row per message with its state. Work is
 * done set-wise with knex (a claim is one conditional UPDATE over a page of ids, outcomes are grouped),
 * so that a campaign of 10^5 mails costs a few statements per hundred mails, not several per mail.
 */
export const createQueueStore = (strapi: Core.Strapi) => {
  const knex = () => strapi.db.connection;
  const tableOf = (uid: typeof QUEUED_MAIL_UID | typeof BATCH_UID) => {
    const meta = strapi.db.metadata.get(uid);
    const attributes = meta.attributes as Record<string, { columnName?: string }>;
    return {
      name: meta.tableName,
      col: (attribute: string) => attributes[attribute]?.columnName ?? attribute,
    };
  };
  let mails: ReturnType<typeof tableOf> | undefined;
  /** Per batch being read in: rows inserted, and the count at which the table is analyzed next (PostgreSQL). */
  const growth = new Map<number, { inserted: number; analyzeAt: number }>();
  const analyzeIfGrown = (batchId: number, added: number) => {
    if (strapi.db.dialect.client !== 'postgres') return;
    const seen = growth.get(batchId) ?? { inserted: 0, analyzeAt: ANALYZE_AFTER_ROWS };
    seen.inserted += added;
    growth.set(batchId, seen);
    if (growth.size > 100) growth.delete(growth.keys().next().value as number);
    if (seen.inserted < seen.analyzeAt) return;
    seen.analyzeAt = Math.ceil(seen.inserted * 1.5);
    knex()
      .raw('ANALYZE ??', [mailTable().name])
      .catch((error: Error) =>
        strapi.log.debug(`queue: could not analyze the queue table: ${error.message}`)
      );
  };
  const mailTable = () => (mails ??= tableOf(QUEUED_MAIL_UID));
  const batches = () => strapi.db.query(BATCH_UID);
  /**
   * Only messages of a batch that is sending may be taken: the claim's own UPDATE checks the batch's state, so a
   * pause or a cancel holds from the moment it answers, in every process, with no read of batch states per mail.
   */
  const ofSendingBatch = (query: ReturnType<ReturnType<typeof knex>>) => {
    const { col } = mailTable();
    const batch = tableOf(BATCH_UID);
    return query.whereIn(
      col('batchId'),
      knex()(batch.name).select('id').whereIn(batch.col('state'), ['active', 'enqueuing'])
    );
  };

  /** Whether the database answers an UPDATE's rows (`RETURNING`) with a LIMITed subquery in it: PostgreSQL, SQLite ≥ 3.35. */
  const canReturn = () => ['postgres', 'sqlite'].includes(strapi.db.dialect.client);
  /** Rows a claim by id may take: queued ones, and those `sending` for `takeOverFrom` ('*': anyone). */
  const claimable = (query: ReturnType<ReturnType<typeof knex>>, takeOverFrom: string | null) => {
    const { col } = mailTable();
    if (takeOverFrom === null) return query.where(col('state'), 'queued');
    return query.where((where) =>
      where.where(col('state'), 'queued').orWhere((sending) => {
        sending.where(col('state'), 'sending');
        if (takeOverFrom !== '*') sending.where(col('lockedBy'), takeOverFrom);
      })
    );
  };

  /**
   * What a claim sets on the rows it takes. `uncertain` first: MySQL evaluates SET from left to right, so it must
   * read the old state (a row taken over from `sending` may have been sent already).
   */
  const takenBy = (owner: string, lockedUntil: number) => {
    const { col } = mailTable();
    return {
      [col('uncertain')]: knex().raw(`CASE WHEN ?? = 'sending' THEN ? ELSE ?? END`, [
        col('state'),
        true,
        col('uncertain'),
      ]),
      [col('state')]: 'sending',
      [col('lockedBy')]: owner,
      [col('lockedUntil')]: lockedUntil,
      [col('attempts')]: knex().raw('?? + 1', [col('attempts')]),
    };
  };

  /** What a claim reads of a message row. */
  const claimColumns = () => {
    const { col } = mailTable();
    return [
      'id',
      col('batchId'),
      col('seq'),
      col('message'),
      col('messageId'),
      col('uncertain'),
      col('retries'),
    ];
  };

  const toClaimed = (row: Record<string, unknown>): ClaimedMail => {
    const { col } = mailTable();
    return {
      id: Number(row[col('id')]),
      batchId: Number(row[col('batchId')]),
      seq: Number(row[col('seq')]),
      message: parseJson<EmailOptions>(row[col('message')]),
      messageId: String(row[col('messageId')]),
      uncertain: Boolean(row[col('uncertain')]),
      retries: Number(row[col('retries')] ?? 0),
    };
  };

  return {
    /** Indexes for the claim and the counts (Strapi's schema sync may drop them: made again at every start). */
    async ensureIndexes() {
      const { name, col } = mailTable();
      const wanted = [
        { index: `${name}_claim_idx`, columns: [col('state'), col('availableAt'), 'id'] },
        // (batch, state, id): the counts per state, and the BullMQ engine's scheduling pages (`queuedAfter`) read
        // a range in id order instead of every queued row of the batch, sorted, per page
        { index: `${name}_batch_idx`, columns: [col('batchId'), col('state'), 'id'] },
      ];
      for (const { index, columns } of wanted) {
        try {
          await knex().schema.alterTable(name, (table) => table.index(columns, index));
        } catch {
          // already there
        }
      }
    },

    async createBatch(input: {
      campaign: string;
      newsletter: boolean;
      list: string;
    }): Promise<number> {
      const created = (await batches().create({
        data: {
          campaign: input.campaign,
          newsletter: input.newsletter,
          list: input.list,
          state: 'enqueuing',
          total: 0,
          rejected: 0,
          rejections: [],
        },
      })) as { id: number };
      return created.id;
    },

    /** Stores a page of a batch's messages, ready to send now. */
    async insertMails(batchId: number, items: NewQueuedMail[]) {
      if (items.length === 0) return;
      const { name, col } = mailTable();
      const now = new Date();
      const rows = items.map((item) => ({
        [col('batchId')]: batchId,
        [col('seq')]: item.seq,
        [col('state')]: 'queued',
        [col('message')]: JSON.stringify(item.message),
        [col('messageId')]: item.messageId,
        [col('availableAt')]: 0,
        [col('attempts')]: 0,
        [col('uncertain')]: false,
        [col('retries')]: 0,
        [col('createdAt')]: now,
        [col('updatedAt')]: now,
      }));
      await knex().transaction(async (trx) => {
        for (const chunk of chunks(rows, INSERT_CHUNK)) await trx(name).insert(chunk);
        const batchTable = tableOf(BATCH_UID);
        // updatedAt too: it tells the other processes this batch's intake is alive (see queue service `tidy`)
        await trx(batchTable.name)
          .where('id', batchId)
          .update({
            [batchTable.col('total')]: trx.raw('?? + ?', [batchTable.col('total'), items.length]),
            [batchTable.col('updatedAt')]: new Date(),
          });
      });
      analyzeIfGrown(batchId, items.length);
    },

    async updateBatch(id: number, data: Partial<Omit<StoredBatch, 'id' | 'createdAt'>>) {
      await batches().update({ where: { id }, data: data as never });
    },

    /** Moves a batch from one state to another only if it is still in one of `from` (pause/resume/cancel race safely). */
    async moveBatch(
      id: number,
      from: BatchState[],
      to: BatchState,
      extra: Record<string, unknown> = {}
    ): Promise<boolean> {
      const { name, col } = tableOf(BATCH_UID);
      const changed = await knex()(name)
        .where('id', id)
        .whereIn(col('state'), from)
        .update({
          [col('state')]: to,
          ...Object.fromEntries(Object.entries(extra).map(([key, value]) => [col(key), value])),
          [col('updatedAt')]: new Date(),
        });
      return Number(changed) > 0;
    },

    async findBatch(id: number): Promise<StoredBatch | null> {
      return Number.isSafeInteger(id) && id > 0
        ? ((await batches().findOne({ where: { id } })) as StoredBatch | null)
        : null;
    },

    async listBatches(
      offset: number,
      limit: number
    ): Promise<{ rows: StoredBatch[]; total: number }> {
      const [rows, total] = await Promise.all([
        batches().findMany({ orderBy: { id: 'desc' }, offset, limit }),
        batches().count({}),
      ]);
      return { rows: rows as StoredBatch[], total };
    },

    /**
     * Batch id → state and flag, for the batches that are not finished, and those cancelled in the last hour
     * (their mails in flight at the cancel may still come back). Small: read by the senders every second.
     */
    async openBatches(): Promise<
      Map<number, { state: BatchState; newsletter: boolean; list: string }>
    > {
      const rows = (await batches().findMany({
        where: {
          $or: [
            { state: { $in: ['enqueuing', 'active', 'paused'] } },
            { state: 'cancelled', finishedAt: { $gt: new Date(Date.now() - 60 * 60 * 1000) } },
          ],
        },
        select: ['id', 'state', 'newsletter', 'list'],
      })) as { id: number; state: BatchState; newsletter: boolean | number; list: string | null }[];
      return new Map(
        rows.map((row) => [
          row.id,
          { state: row.state, newsletter: Boolean(row.newsletter), list: row.list || '*' },
        ])
      );
    },

    /**
     * Takes up to `limit` messages for `owner`: queued ones that are due, and ones whose sender's lease ran
     * out (that process died mid-send: they come back `uncertain`). One conditional UPDATE decides which rows
     * this process got, whichever processes race for them.
     */
    async claim(
      owner: string,
      limit: number,
      leaseMs: number,
      skipBatches: number[],
      /** Also look for rows whose sender's lease ran out (a process that died); the engine asks about once a second. */
      withExpired = true
    ): Promise<ClaimedMail[]> {
      if (canReturn()) {
        const expired = withExpired
          ? await this.claimPicked(owner, limit, leaseMs, skipBatches, true)
          : [];
        if (expired.length >= limit) return expired;
        return [
          ...expired,
          ...(await this.claimPicked(owner, limit - expired.length, leaseMs, skipBatches, false)),
        ];
      }
      const { name, col } = mailTable();
      const now = Date.now();
      const due = (query: ReturnType<ReturnType<typeof knex>>) =>
        query
          .where((where) =>
            where
              .where((q) => q.where(col('state'), 'queued').andWhere(col('availableAt'), '<=', now))
              .orWhere((q) =>
                q.where(col('state'), 'sending').andWhere(col('lockedUntil'), '<', now)
              )
          )
          .modify((q) => {
            if (skipBatches.length) q.whereNotIn(col('batchId'), skipBatches);
          });
      // two index range reads (state, available_at) rather than one OR the planner may scan the table for
      const skipping = (query: ReturnType<ReturnType<typeof knex>>) =>
        skipBatches.length ? query.whereNotIn(col('batchId'), skipBatches) : query;
      const expired = withExpired
        ? ((await skipping(
            knex()(name).where(col('state'), 'sending').andWhere(col('lockedUntil'), '<', now)
          )
            .orderBy('id')
            .limit(limit)
            .select('id')) as { id: number }[])
        : [];
      const queued =
        expired.length < limit
          ? ((await skipping(
              knex()(name).where(col('state'), 'queued').andWhere(col('availableAt'), '<=', now)
            )
              .orderBy(col('availableAt'))
              .orderBy('id')
              .limit(limit - expired.length)
              .select('id')) as { id: number }[])
          : [];
      if (expired.length + queued.length === 0) return [];
      const ids = [...expired, ...queued].map((row) => Number(row.id));
      await ofSendingBatch(due(knex()(name).whereIn('id', ids))).update(
        takenBy(owner, now + leaseMs)
      );
      const taken = (await knex()(name)
        .whereIn('id', ids)
        .where(col('state'), 'sending')
        .where(col('lockedBy'), owner)
        .where(col('lockedUntil'), now + leaseMs)
        .orderBy('id')
        .select(claimColumns())) as Record<string, unknown>[];
      return taken.map(toClaimed);
    },

    /**
     * PostgreSQL and SQLite: the due queued rows (`expired`: the rows whose sender's lease ran out, which come back
     * `uncertain`), taken in one `UPDATE … RETURNING` over a LIMITed pick. On PostgreSQL the pick locks its rows
     * and skips those another claim holds, and it is a WITH query, computed once: as `id IN (subquery)` the planner
     * may run the subquery again for each row it scans (a nested loop over a small table), and each run picks
     * `limit` more rows — a claim for 16 took all 60 of a batch (found by tests/deliverability.test.ts). SQLite has
     * one writer at a time and computes an IN subquery once.
     */
    async claimPicked(
      owner: string,
      limit: number,
      leaseMs: number,
      skipBatches: number[],
      expired: boolean
    ): Promise<ClaimedMail[]> {
      const { name, col } = mailTable();
      const now = Date.now();
      const due = (query: Knex.QueryBuilder) =>
        expired
          ? query.where(col('state'), 'sending').andWhere(col('lockedUntil'), '<', now)
          : query.where(col('state'), 'queued').andWhere(col('availableAt'), '<=', now);
      const picked = ofSendingBatch(
        due(knex()(name).select('id')).modify((q) => {
          if (skipBatches.length) q.whereNotIn(col('batchId'), skipBatches);
        })
      )
        .modify((q) => (expired ? q : q.orderBy(col('availableAt'))))
        .orderBy('id')
        .limit(limit)
        .modify((q) => {
          if (strapi.db.dialect.client === 'postgres') q.forUpdate().skipLocked();
        });
      const taking =
        strapi.db.dialect.client === 'postgres'
          ? knex()(name).with('picked', picked).whereIn('id', knex().select('id').from('picked'))
          : knex()(name).whereIn('id', picked);
      const rows = (await due(taking)
        .update(takenBy(owner, now + leaseMs))
        .returning(claimColumns())) as unknown as Record<string, unknown>[];
      return rows.map(toClaimed).sort((a, b) => a.id - b.id);
    },

    /**
     * Takes messages by id (the BullMQ engine: a job names its rows), in one `UPDATE … RETURNING` on PostgreSQL,
     * elsewhere one by one. Answers the messages taken (a row that is finished, cancelled or sending elsewhere is
     * left out). A row already `sending` is taken over, as `uncertain`, only from `takeOverFrom` (the process
     * BullMQ found dead; '*': whichever).
     */
    async claimMany(
      ids: number[],
      owner: string,
      leaseMs: number,
      takeOverFrom: string | null
    ): Promise<ClaimedMail[]> {
      if (strapi.db.dialect.client !== 'postgres' || ids.length === 1) {
        const taken: ClaimedMail[] = [];
        for (const id of ids) {
          const mail = await this.claimOne(id, owner, leaseMs, takeOverFrom);
          if (mail) taken.push(mail);
        }
        return taken;
      }
      const { name } = mailTable();
      const now = Date.now();
      const rows = (await ofSendingBatch(claimable(knex()(name).whereIn('id', ids), takeOverFrom))
        .update(takenBy(owner, now + leaseMs))
        .returning(claimColumns())) as unknown as Record<string, unknown>[];
      return rows.map(toClaimed);
    },

    async claimOne(
      id: number,
      owner: string,
      leaseMs: number,
      takeOverFrom: string | null
    ): Promise<ClaimedMail | null> {
      const { name } = mailTable();
      const now = Date.now();
      const columns = claimColumns();
      const update = ofSendingBatch(claimable(knex()(name).where('id', id), takeOverFrom)).update(
        takenBy(owner, now + leaseMs)
      );
      // PostgreSQL answers the row with the UPDATE (one statement per message instead of two)
      if (strapi.db.dialect.client === 'postgres') {
        const [row] = (await update.returning(columns)) as unknown as Record<string, unknown>[];
        return row ? toClaimed(row) : null;
      }
      const changed = await update;
      if (Number(changed) !== 1) return null;
      const row = (await knex()(name)
        .where('id', id)
        .first(...columns)) as Record<string, unknown> | undefined;
      return row ? toClaimed(row) : null;
    },

    /** Gives messages back (limit reached, batch paused, process stopping): queued again, due at `availableAt`. */
    async release(owner: string, ids: number[], availableAt: number) {
      const { name, col } = mailTable();
      for (const chunk of chunks(ids, ID_CHUNK)) {
        await knex()(name)
          .whereIn('id', chunk)
          .where(col('lockedBy'), owner)
          .where(col('state'), 'sending')
          .update({
            [col('state')]: 'queued',
            [col('availableAt')]: availableAt,
            [col('lockedBy')]: null,
            [col('lockedUntil')]: null,
          });
      }
    },

    /**
     * Gives back a message whose send broke off for an unexpected reason (the database failed after the
     * SMTP exchange, say): it may have gone out, so it comes back `uncertain`, due at `availableAt`.
     */
    async abandon(owner: string, id: number, availableAt: number) {
      const { name, col } = mailTable();
      await knex()(name)
        .where('id', id)
        .where(col('lockedBy'), owner)
        .where(col('state'), 'sending')
        .update({
          [col('state')]: 'queued',
          [col('uncertain')]: true,
          [col('availableAt')]: availableAt,
          [col('lockedBy')]: null,
          [col('lockedUntil')]: null,
        });
    },

    /** A try failed for a reason that may pass: queued again for `availableAt`, its failure code kept. */
    async retryLater(owner: string, id: number, availableAt: number, errorCode: string) {
      const { name, col } = mailTable();
      await knex()(name)
        .where('id', id)
        .where(col('lockedBy'), owner)
        .where(col('state'), 'sending')
        .update({
          [col('state')]: 'queued',
          [col('retries')]: knex().raw('?? + 1', [col('retries')]),
          [col('errorCode')]: errorCode,
          [col('availableAt')]: availableAt,
          [col('lockedBy')]: null,
          [col('lockedUntil')]: null,
        });
    },

    /**
     * Records outcomes: one UPDATE per state and failure code (nearly always one: `sent`) and page of ids;
     * each row's account is set by a CASE over the accounts of that page, so a flush over 20 accounts is still
     * one statement. Ids and account ids are integers of our own and written as literals (no parameter
     * limits, and PostgreSQL types `THEN 5` as an integer); e-mails are parameters. `log`: the send-log entries
     * of the delivered mails, written with the outcomes — one statement on PostgreSQL, one transaction elsewhere.
     */
    async finish(owner: string, finished: FinishedMail[], log: LogRows | null = null) {
      const { name, col } = mailTable();
      const db = knex();
      const groups = new Map<string, FinishedMail[]>();
      for (const item of finished) {
        if (
          !Number.isSafeInteger(item.id) ||
          (item.accountId !== null && !Number.isSafeInteger(item.accountId))
        ) {
          throw new Error(`queue: not an integer id in finish (${item.id}, ${item.accountId})`);
        }
        const key = JSON.stringify([item.state, item.errorCode]);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
      }
      const now = Date.now();
      /** The UPDATEs, each on the query root it is given (the connection, or a transaction). */
      const updates: ((root: Knex | Knex.Transaction) => Knex.QueryBuilder)[] = [];
      for (const items of groups.values()) {
        const { state, errorCode } = items[0];
        for (const chunk of chunks(items, ID_CHUNK)) {
          const byAccount = new Map<
            string,
            { accountId: number | null; accountEmail: string | null; ids: number[] }
          >();
          for (const item of chunk) {
            const key = `${item.accountId}\u0000${item.accountEmail}`;
            const share = byAccount.get(key) ?? {
              accountId: item.accountId,
              accountEmail: item.accountEmail,
              ids: [],
            };
            share.ids.push(item.id);
            byAccount.set(key, share);
          }
          const shares = [...byAccount.values()];
          let accountId: unknown = shares[0].accountId;
          let accountEmail: unknown = shares[0].accountEmail;
          if (shares.length > 1) {
            const when = (share: (typeof shares)[number]) => `WHEN ?? IN (${share.ids.join(',')})`;
            accountId = db.raw(
              `CASE ${shares.map((share) => `${when(share)} THEN ${share.accountId ?? 'NULL'}`).join(' ')} END`,
              shares.map(() => 'id')
            );
            accountEmail = db.raw(
              `CASE ${shares.map((share) => `${when(share)} THEN ${share.accountEmail === null ? 'NULL' : '?'}`).join(' ')} END`,
              shares.flatMap((share) =>
                share.accountEmail === null ? ['id'] : ['id', share.accountEmail]
              )
            );
          }
          updates.push((root) =>
            root(name)
              .whereIn(
                'id',
                chunk.map((item) => item.id)
              )
              .where(col('lockedBy'), owner)
              .update({
                [col('state')]: state,
                [col('accountId')]: accountId,
                [col('accountEmail')]: accountEmail,
                [col('errorCode')]: errorCode,
                [col('finishedAt')]: now,
                [col('lockedBy')]: null,
                [col('lockedUntil')]: null,
              })
          );
        }
      }
      if (!log || log.rows.length === 0) {
        for (const update of updates) await update(db);
        return;
      }
      // PostgreSQL: the log rows and the first outcomes in one statement (a data-modifying WITH runs whatever the
      // UPDATE matches); the entries and the outcomes are written together or not at all
      if (strapi.db.dialect.client === 'postgres' && log.rows.length <= LOG_ROWS_PER_STATEMENT) {
        const insert = db(log.table).insert(log.rows).toSQL();
        const [first, ...rest] = updates;
        const update = first(db).toSQL();
        const both = (root: Knex | Knex.Transaction) =>
          root.raw(`WITH logged AS (${insert.sql}) ${update.sql}`, [
            ...insert.bindings,
            ...update.bindings,
          ]);
        // nearly always one UPDATE (every mail `sent`): one statement, no transaction around it
        if (rest.length === 0) await both(db);
        else
          await db.transaction(async (trx) => {
            await both(trx);
            for (const next of rest) await next(trx);
          });
        return;
      }
      await db.transaction(async (trx) => {
        for (const rows of chunks(log.rows, LOG_ROWS_PER_STATEMENT))
          await trx(log.table).insert(rows);
        for (const update of updates) await update(trx);
      });
    },

    /** Keeps this process's leases alive while its sends run (one UPDATE for all of them). */
    async renewLeases(owner: string, leaseMs: number) {
      const { name, col } = mailTable();
      await knex()(name)
        .where(col('lockedBy'), owner)
        .where(col('state'), 'sending')
        .update({ [col('lockedUntil')]: Date.now() + leaseMs });
    },

    /** Cancels what a batch has not started; the messages in flight finish. Answers how many were cancelled. */
    async cancelQueued(batchId: number): Promise<number> {
      const { name, col } = mailTable();
      const changed = await knex()(name)
        .where(col('batchId'), batchId)
        .where(col('state'), 'queued')
        .update({ [col('state')]: 'cancelled', [col('finishedAt')]: Date.now() });
      return Number(changed);
    },

    /** A batch's queued messages after `afterId`, in id order, with when each is due (the BullMQ engine schedules them). */
    async queuedAfter(
      batchId: number,
      afterId: number,
      limit: number
    ): Promise<{ id: number; availableAt: number }[]> {
      const { name, col } = mailTable();
      const rows = (await knex()(name)
        .where(col('batchId'), batchId)
        .where(col('state'), 'queued')
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .select('id', col('availableAt'))) as Record<string, unknown>[];
      return rows.map((row) => ({
        id: Number(row.id),
        availableAt: Number(row[col('availableAt')] ?? 0),
      }));
    },

    /** Counts per state (and uncertain), per account, and mails finished in the last minute. */
    async progress(batchId: number): Promise<{
      counts: Omit<BatchCounts, 'rejected' | 'total'>;
      accounts: BatchAccountShare[];
      perMinute: number;
    }> {
      const { name, col } = mailTable();
      const [byState, byAccount, uncertain, recent] = await Promise.all([
        knex()(name)
          .where(col('batchId'), batchId)
          .groupBy(col('state'))
          .select(col('state'))
          .count({ n: '*' }),
        knex()(name)
          .where(col('batchId'), batchId)
          .whereIn(col('state'), ['sent', 'failed'])
          .groupBy(col('accountId'), col('accountEmail'), col('state'))
          .select(col('accountId'), col('accountEmail'), col('state'))
          .count({ n: '*' }),
        knex()(name).where(col('batchId'), batchId).where(col('uncertain'), true).count({ n: '*' }),
        knex()(name)
          .where(col('batchId'), batchId)
          .whereIn(col('state'), ['sent', 'failed'])
          .where(col('finishedAt'), '>=', Date.now() - 60_000)
          .count({ n: '*' }),
      ]);
      const counts = {
        queued: 0,
        sending: 0,
        sent: 0,
        failed: 0,
        cancelled: 0,
        suppressed: 0,
        uncertain: Number((uncertain[0] as { n: unknown }).n),
      };
      for (const row of byState as Record<string, unknown>[])
        counts[row[col('state')] as keyof typeof counts] = Number(row.n);
      const shares = new Map<string, BatchAccountShare>();
      for (const row of byAccount as Record<string, unknown>[]) {
        const accountId = row[col('accountId')] == null ? null : Number(row[col('accountId')]);
        const accountEmail = (row[col('accountEmail')] as string | null) ?? null;
        const key = `${accountId}:${accountEmail}`;
        const share = shares.get(key) ?? { accountId, accountEmail, sent: 0, failed: 0 };
        share[row[col('state')] as 'sent' | 'failed'] += Number(row.n);
        shares.set(key, share);
      }
      return {
        counts,
        accounts: [...shares.values()].sort((a, b) => b.sent + b.failed - (a.sent + a.failed)),
        perMinute: Number((recent[0] as { n: unknown }).n),
      };
    },

    /** Deletes finished batches (done, cancelled) older than `cutoff`, with their messages. Answers how many batches. */
    async pruneFinished(cutoff: Date): Promise<number> {
      const { name, col } = mailTable();
      const old = (await batches().findMany({
        where: { state: { $in: ['done', 'cancelled'] }, finishedAt: { $lt: cutoff } },
        select: ['id'],
      })) as { id: number }[];
      for (const { id } of old) {
        await knex()(name).where(col('batchId'), id).delete();
        await batches().delete({ where: { id } });
      }
      return old.length;
    },

    /** Whether a batch still has work (queued or in flight). */
    async hasWork(batchId: number): Promise<boolean> {
      const { name, col } = mailTable();
      const row = await knex()(name)
        .where(col('batchId'), batchId)
        .whereIn(col('state'), ['queued', 'sending'])
        .first('id');
      return Boolean(row);
    },
  };
};

export type QueueStore = ReturnType<typeof createQueueStore>;
