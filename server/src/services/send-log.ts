import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, SEND_LOG_UID, SEND_STATUSES } from '../../../shared/constants';
import type { ListSendLog, SendAttempt, SendLogEntry } from '../../../shared/contracts/send-log';
import { readBatchTimeline } from './send-log-timeline';

export type NewLogEntry = Omit<SendLogEntry, 'id' | 'createdAt' | 'canResend'> & {
  body?: Record<string, unknown> | null;
};

/** Send-log rows ready to insert, and the table they go to (see `rowsFor`). */
export interface LogRows {
  table: string;
  rows: Record<string, unknown>[];
}

const FLUSH_DELAY_MS = 200;
/** Rows of one insert at most: a row has ~20 columns, and databases cap the parameters of one statement. */
const FLUSH_BATCH = 200;
/** Rows waiting for the database at most; past it, `record` waits for a flush (back-pressure on a slow database). */
export const MAX_QUEUED_ROWS = 5000;
const clip = (text: string | null | undefined, max = 255) =>
  text == null ? (text ?? null) : String(text).slice(0, max);

interface StoredLogRow extends Omit<
  SendLogEntry,
  'canResend' | 'createdAt' | 'attemptLog' | 'resentAt'
> {
  createdAt: string | Date;
  resentAt: string | Date | null;
  attemptLog: SendAttempt[] | null;
  body: unknown;
}

const iso = (value: string | Date) =>
  value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();

const toPublicEntry = (row: StoredLogRow): SendLogEntry => ({
  id: row.id,
  createdAt: iso(row.createdAt),
  from: row.from,
  recipientsCount: row.recipientsCount,
  firstRecipient: row.firstRecipient,
  subject: row.subject,
  newsletter: Boolean(row.newsletter),
  accountId: row.accountId ?? null,
  accountEmail: row.accountEmail ?? null,
  rule: row.rule,
  status: row.status,
  attempts: row.attempts,
  attemptLog: row.attemptLog ?? [],
  response: row.response ?? null,
  errorCode: row.errorCode ?? null,
  durationMs: row.durationMs,
  resendOf: row.resendOf ?? null,
  resentAt: row.resentAt ? iso(row.resentAt) : null,
  batchId: row.batchId ?? null,
  messageId: row.messageId ?? null,
  uncertain: Boolean(row.uncertain),
  canResend: resendBlock(row) === null,
});

const lastAttempt = (row: StoredLogRow) => {
  const log = (typeof row.attemptLog === 'string' ? JSON.parse(row.attemptLog) : row.attemptLog) as
    SendAttempt[] | null;
  return log?.[log.length - 1];
};

type ResendBlock = 'ALREADY_SENT' | 'MAYBE_DELIVERED' | 'BODY_NOT_KEPT' | 'ALREADY_RESENT';

/** Why a logged mail may not be sent again, or null when it may (once). Cheap: read for every listed entry. */
const resendBlock = (row: StoredLogRow): ResendBlock | null => {
  if (row.status !== 'failed') return 'ALREADY_SENT';
  if (lastAttempt(row)?.uncertain) return 'MAYBE_DELIVERED';
  if (!row.body) return 'BODY_NOT_KEPT';
  if (row.resentAt) return 'ALREADY_RESENT';
  return null;
};

const RESEND_REFUSALS: Record<ResendBlock, (row: StoredLogRow) => string> = {
  ALREADY_SENT: (row) =>
    `Send-log entry ${row.id} was delivered (status "${row.status}"): only a failed mail can be resent.`,
  MAYBE_DELIVERED: (row) =>
    `Send-log entry ${row.id} may have been delivered: the connection dropped after the server could have taken it. It is not resent, so nobody gets it twice.`,
  BODY_NOT_KEPT: () =>
    'This mail cannot be resent: its body was not kept (turn on "keep message bodies" in the settings).',
  ALREADY_RESENT: (row) =>
    `Send-log entry ${row.id} was already resent: a failed mail is resent at most once (resend the new entry if it failed too).`,
};

/** The 400 a resend of this entry answers, or null when it may be resent. */
const resendRefusal = (row: StoredLogRow) => {
  const block = resendBlock(row);
  return block ? new errors.ValidationError(RESEND_REFUSALS[block](row), { code: block }) : null;
};

/**
 * The send log. Entries are written in batches a moment after the send (never on the send's own
 * path), flushed on shutdown, and pruned hourly after `logRetentionDays`.
 */
export const createSendLogService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(SEND_LOG_UID);
  let queue: Record<string, unknown>[] = [];

  /**
   * Attribute → column names, from Strapi's metadata. The batch is inserted with knex directly:
   * the entity manager's per-row processing cost more CPU than the send itself under a burst.
   */
  let table: { name: string; column: (attribute: string) => string } | undefined;
  const target = () => {
    if (!table) {
      const meta = strapi.db.metadata.get(SEND_LOG_UID);
      const attributes = meta.attributes as Record<string, { columnName?: string }>;
      table = {
        name: meta.tableName,
        column: (attribute) => attributes[attribute]?.columnName ?? attribute,
      };
    }
    return table;
  };
  /** Attribute → column, worked out once per attribute (a row per mail: no look-up through the metadata each time). */
  const columns = new Map<string, string>();
  const columnOf = (key: string) => {
    let name = columns.get(key);
    if (name === undefined) columns.set(key, (name = target().column(key)));
    return name;
  };
  const toRow = (entry: NewLogEntry) => {
    const now = new Date();
    const row: Record<string, unknown> = {};
    for (const key in entry) {
      const value = entry[key as keyof NewLogEntry];
      row[columnOf(key)] =
        key === 'attemptLog' || key === 'body'
          ? value == null
            ? null
            : JSON.stringify(value)
          : value;
    }
    row[columnOf('createdAt')] = now;
    row[columnOf('updatedAt')] = now;
    return row;
  };
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();
  /** Rows handed to a flush and not written yet: they count against the bound too. */
  let writing = 0;
  /** Senders waiting for room (back-pressure), woken as batches are written. */
  let waiting: (() => void)[] = [];
  const held = () => queue.length + writing;
  const wakeWaiting = () => {
    if (held() >= MAX_QUEUED_ROWS || waiting.length === 0) return;
    const woken = waiting;
    waiting = [];
    for (const wake of woken) wake();
  };

  const writeBatch = async (batch: Record<string, unknown>[]) => {
    try {
      await strapi.db.connection(target().name).insert(batch);
    } catch (error) {
      strapi.log.warn(
        `[${PLUGIN_ID}] could not write ${batch.length} send-log entries: ${(error as Error).message}`
      );
    } finally {
      writing -= batch.length;
      wakeWaiting();
    }
  };

  /** Writes what is waiting; a failed write is logged (a queued mail's entry is written by the queue, with its outcome). */
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    const taken = queue;
    queue = [];
    if (taken.length === 0) return flushing;
    writing += taken.length;
    // FLUSH_BATCH rows an insert at most: a row has ~20 columns, and databases cap the parameters of one statement
    for (let start = 0; start < taken.length; start += FLUSH_BATCH) {
      const batch = taken.slice(start, start + FLUSH_BATCH);
      const write = flushing.then(() => writeBatch(batch));
      flushing = write.catch(() => undefined);
    }
    return flushing;
  };

  const clipped = (entry: NewLogEntry): NewLogEntry => ({
    ...entry,
    from: clip(entry.from) ?? '',
    subject: clip(entry.subject) ?? '',
    firstRecipient: clip(entry.firstRecipient) ?? '',
    response: clip(entry.response, 2000),
  });

  return {
    /**
     * Queues an entry for the next batch insert. Resolves at once, unless MAX_QUEUED_ROWS rows are
     * already waiting (the database is slower than the mail): then only after the next flush.
     */
    async record(entry: NewLogEntry): Promise<void> {
      queue.push(toRow(clipped(entry)));
      if (queue.length >= FLUSH_BATCH) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), FLUSH_DELAY_MS);
        timer.unref();
      }
      if (held() >= MAX_QUEUED_ROWS) await new Promise<void>((resolve) => waiting.push(resolve));
    },

    /**
     * The rows of these entries and their table, for a writer that inserts them in its own statement: the queue
     * writes a queued mail's entry together with its outcome (one statement on PostgreSQL, one transaction
     * elsewhere), so a mail is marked finished only with its log entry.
     */
    rowsFor(entries: NewLogEntry[]): LogRows {
      return { table: target().name, rows: entries.map((entry) => toRow(clipped(entry))) };
    },

    /** Writes one entry now and answers its id (failures and resends: the caller needs the id). */
    async recordNow(entry: NewLogEntry): Promise<number> {
      const created = (await rows().create({ data: clipped(entry) as never })) as { id: number };
      return created.id;
    },

    /** Rows not written yet (past MAX_QUEUED_ROWS, only by the senders that are waiting for room). */
    pending: () => held(),

    flush,

    async list(query: ListSendLog.Query): Promise<ListSendLog.Response> {
      const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
      const pageSize = Math.min(
        100,
        Math.max(1, Number.parseInt(query.pageSize ?? '25', 10) || 25)
      );
      const where: Record<string, unknown>[] = [];
      if (query.status) {
        if (!(SEND_STATUSES as readonly string[]).includes(query.status)) {
          throw new errors.ValidationError(`status must be one of: ${SEND_STATUSES.join(', ')}`, {
            code: 'NOT_ONE_OF',
            field: 'status',
          });
        }
        where.push({ status: query.status });
      }
      if (query.accountId) {
        const accountId = Number(query.accountId);
        if (!Number.isSafeInteger(accountId))
          throw new errors.ValidationError('accountId must be a number', {
            code: 'NOT_INTEGER',
            field: 'accountId',
          });
        where.push({ accountId });
      }
      if (query.batchId) {
        const batchId = Number(query.batchId);
        if (!Number.isSafeInteger(batchId))
          throw new errors.ValidationError('batchId must be a number', {
            code: 'NOT_INTEGER',
            field: 'batchId',
          });
        where.push({ batchId });
      }
      if (query.uncertain === 'true' || query.uncertain === 'false')
        where.push({ uncertain: query.uncertain === 'true' });
      if (query.from) where.push({ from: { $containsi: String(query.from).slice(0, 255) } });
      for (const [key, op] of [
        ['since', '$gte'],
        ['until', '$lte'],
      ] as const) {
        if (!query[key]) continue;
        const date = new Date(String(query[key]));
        if (Number.isNaN(date.getTime()))
          throw new errors.ValidationError(`${key} must be a date (ISO 8601)`, {
            code: 'INVALID_DATE',
            field: key,
          });
        where.push({ createdAt: { [op]: date } });
      }
      await flush();
      const filter = { $and: where };
      const [found, total] = await Promise.all([
        rows().findMany({
          where: filter,
          orderBy: { id: 'desc' },
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }),
        rows().count({ where: filter }),
      ]);
      return {
        data: (found as StoredLogRow[]).map(toPublicEntry),
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
      };
    },

    /**
     * Takes a logged mail for its one resend: only a failed entry with a kept body, never resent.
     * The claim is one conditional UPDATE, so two admins (or two processes) cannot both resend it.
     */
    async claimForResend(id: number): Promise<Record<string, unknown>> {
      await flush();
      const row =
        Number.isSafeInteger(id) && id > 0
          ? ((await rows().findOne({ where: { id } })) as StoredLogRow | null)
          : null;
      if (!row)
        throw new errors.NotFoundError(`send-log entry ${id} not found`, { code: 'NOT_FOUND' });
      const refusal = resendRefusal(row);
      if (refusal) throw refusal;
      const { name, column } = target();
      const claimed = await strapi.db
        .connection(name)
        .where({ id, [column('status')]: 'failed' })
        .whereNull(column('resentAt'))
        .update({ [column('resentAt')]: new Date() });
      if (Number(claimed) !== 1) throw resendRefusal({ ...row, resentAt: new Date() })!;
      return (typeof row.body === 'string' ? JSON.parse(row.body) : row.body) as Record<
        string,
        unknown
      >;
    },

    /** A campaign batch's tries over time, per account (see send-log-timeline.ts). */
    async timeline(batchId: number) {
      await flush();
      return readBatchTimeline(strapi, target(), batchId);
    },

    /** The (batch, time) index of the batch filter and the timeline (made again at every start, as the queue's). */
    async ensureIndexes() {
      const { name, column } = target();
      try {
        await strapi.db.connection.schema.alterTable(name, (table) =>
          table.index([column('batchId'), column('createdAt')], `${name}_batch_idx`)
        );
      } catch {
        // already there
      }
    },

    async prune(retentionDays: number) {
      const cutoff = new Date(Date.now() - retentionDays * 24 * 60 * 60 * 1000);
      await flush();
      return rows().deleteMany({ where: { createdAt: { $lt: cutoff } } });
    },

    async stop() {
      await flush();
    },
  };
};

export type SendLogService = ReturnType<typeof createSendLogService>;
