import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, SEND_LOG_UID, SEND_STATUSES } from '../../../shared/constants';
import type { ListSendLog, SendAttempt, SendLogEntry } from '../../../shared/contracts/send-log';

export type NewLogEntry = Omit<SendLogEntry, 'id' | 'createdAt' | 'canResend'> & { body?: Record<string, unknown> | null };

const FLUSH_DELAY_MS = 200;
const FLUSH_BATCH = 200;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const clip = (text: string | null | undefined, max = 255) => (text == null ? text ?? null : String(text).slice(0, max));

interface StoredLogRow extends Omit<SendLogEntry, 'canResend' | 'createdAt' | 'attemptLog'> {
  createdAt: string | Date;
  attemptLog: SendAttempt[] | null;
  body: unknown;
}

const toPublicEntry = (row: StoredLogRow): SendLogEntry => ({
  id: row.id,
  createdAt: row.createdAt instanceof Date ? row.createdAt.toISOString() : String(row.createdAt),
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
  canResend: Boolean(row.body),
});

/**
 * The send log. Entries are written in batches a moment after the send (never on the send's own
 * path), flushed on shutdown, and pruned hourly after `logRetentionDays`.
 */
const createSendLogService = ({ strapi }: { strapi: Core.Strapi }) => {
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
      table = { name: meta.tableName, column: (attribute) => attributes[attribute]?.columnName ?? attribute };
    }
    return table;
  };
  const toRow = (entry: NewLogEntry) => {
    const { column } = target();
    const now = new Date();
    const row: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entry)) {
      row[column(key)] = key === 'attemptLog' || key === 'body' ? (value == null ? null : JSON.stringify(value)) : value;
    }
    row[column('createdAt')] = now;
    row[column('updatedAt')] = now;
    return row;
  };
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();
  let pruner: NodeJS.Timeout | null = null;

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return flushing;
    flushing = flushing.then(async () => {
      try {
        await strapi.db.connection(target().name).insert(batch);
      } catch (error) {
        strapi.log.warn(`[${PLUGIN_ID}] could not write ${batch.length} send-log entries: ${(error as Error).message}`);
      }
    });
    return flushing;
  };

  return {
    record(entry: NewLogEntry) {
      queue.push(
        toRow({
          ...entry,
          from: clip(entry.from) ?? '',
          subject: clip(entry.subject) ?? '',
          firstRecipient: clip(entry.firstRecipient) ?? '',
          response: clip(entry.response, 2000),
        })
      );
      if (queue.length >= FLUSH_BATCH) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), FLUSH_DELAY_MS);
        timer.unref();
      }
    },

    flush,

    async list(query: ListSendLog.Query): Promise<ListSendLog.Response> {
      const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
      const pageSize = Math.min(100, Math.max(1, Number.parseInt(query.pageSize ?? '25', 10) || 25));
      const where: Record<string, unknown>[] = [];
      if (query.status) {
        if (!(SEND_STATUSES as readonly string[]).includes(query.status)) {
          throw new errors.ValidationError(`status must be one of: ${SEND_STATUSES.join(', ')}`);
        }
        where.push({ status: query.status });
      }
      if (query.accountId) {
        const accountId = Number(query.accountId);
        if (!Number.isSafeInteger(accountId)) throw new errors.ValidationError('accountId must be a number');
        where.push({ accountId });
      }
      if (query.from) where.push({ from: { $containsi: String(query.from).slice(0, 255) } });
      for (const [key, op] of [['since', '$gte'], ['until', '$lte']] as const) {
        if (!query[key]) continue;
        const date = new Date(String(query[key]));
        if (Number.isNaN(date.getTime())) throw new errors.ValidationError(`${key} must be a date (ISO 8601)`);
        where.push({ createdAt: { [op]: date } });
      }
      await flush();
      const filter = { $and: where };
      const [found, total] = await Promise.all([
        rows().findMany({ where: filter, orderBy: { id: 'desc' }, offset: (page - 1) * pageSize, limit: pageSize }),
        rows().count({ where: filter }),
      ]);
      return {
        data: (found as StoredLogRow[]).map(toPublicEntry),
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
      };
    },

    async findBody(id: number) {
      await flush();
      const row = Number.isSafeInteger(id) ? ((await rows().findOne({ where: { id } })) as StoredLogRow | null) : null;
      if (!row) throw new errors.NotFoundError(`send-log entry ${id} not found`);
      if (!row.body) {
        throw new errors.ValidationError('This mail cannot be resent: its body was not kept (turn on "keep message bodies" in the settings).');
      }
      return row.body as Record<string, unknown>;
    },

    async prune(retentionDays: number) {
      const cutoff = new Date(Date.now() - retentionDays * 24 * 60 * 60 * 1000);
      await flush();
      return rows().deleteMany({ where: { createdAt: { $lt: cutoff } } });
    },

    /** Hourly retention job (and once at start-up). */
    startPruning() {
      const run = async () => {
        try {
          const { logRetentionDays } = await strapi.plugin(PLUGIN_ID).service('settings').get();
          await this.prune(logRetentionDays);
        } catch (error) {
          strapi.log.warn(`[${PLUGIN_ID}] send-log pruning failed: ${(error as Error).message}`);
        }
      };
      void run();
      pruner = setInterval(run, PRUNE_EVERY_MS);
      pruner.unref();
    },

    async stop() {
      if (pruner) clearInterval(pruner);
      pruner = null;
      await flush();
    },
  };
};

export type SendLogService = ReturnType<typeof createSendLogService>;
export default createSendLogService;
