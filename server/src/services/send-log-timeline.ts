import type { Core } from '@strapi/strapi';
import type {
  BatchAccountShare,
  BatchTimeline,
  BatchTimelineBucket,
} from '../../../shared/contracts/campaigns';

/** Slice lengths offered, in seconds: the smallest that gives at most MAX_BUCKETS slices is used. */
export const BUCKET_SECONDS = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 21600, 86400] as const;
export const MAX_BUCKETS = 120;
const DAY_SECONDS = 86400;

/** Send-log statuses drawn: `fallback` is a send by the stock provider; `suppressed` sent nothing. */
const DRAWN_STATUSES = ['sent', 'fallback', 'failed'] as const;

/**
 * The slice length for tries between `firstMs` and `lastMs`. Slices are aligned on multiples of their length
 * (a 1 min slice starts at :00), so the span may touch one slice more than its length alone needs.
 */
export const pickBucketSeconds = (firstMs: number, lastMs: number): number => {
  const slices = (seconds: number) =>
    Math.floor(lastMs / (seconds * 1000)) - Math.floor(firstMs / (seconds * 1000)) + 1;
  for (const seconds of BUCKET_SECONDS) if (slices(seconds) <= MAX_BUCKETS) return seconds;
  let days = Math.ceil((lastMs - firstMs) / ((MAX_BUCKETS - 1) * DAY_SECONDS * 1000));
  while (slices(days * DAY_SECONDS) > MAX_BUCKETS) days += 1;
  return days * DAY_SECONDS;
};

type Dialect = 'sqlite' | 'postgres' | 'mysql';

/**
 * A datetime column as milliseconds since 1970, read as stored (no time zone applied), per dialect:
 * SQLite holds what better-sqlite3 binds for a Date, epoch ms (text written by other tools is parsed too);
 * PostgreSQL a `timestamp`; MariaDB/MySQL a `datetime(6)` (TIMESTAMPDIFF: no session time zone, no 2038 limit).
 */
const EPOCH_MS: Record<Dialect, (column: string) => string> = {
  sqlite: (c) =>
    `(CASE WHEN typeof(${c}) = 'text' THEN (julianday(${c}) - 2440587.5) * 86400000.0 ELSE ${c} END)`,
  postgres: (c) => `(EXTRACT(EPOCH FROM ${c}) * 1000)`,
  mysql: (c) => `(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', ${c}) / 1000)`,
};
/** Which slice a time falls in (SQLite may lack FLOOR: integer division of positive numbers is the same). */
const SLICE_OF: Record<Dialect, (epochMs: string, sliceMs: number) => string> = {
  sqlite: (ms, slice) => `CAST(${ms} / ${slice} AS INTEGER)`,
  postgres: (ms, slice) => `FLOOR(${ms} / ${slice})`,
  mysql: (ms, slice) => `FLOOR(${ms} / ${slice})`,
};

export interface SendLogTable {
  name: string;
  column: (attribute: string) => string;
}

const toMs = (value: unknown) =>
  value instanceof Date
    ? value.getTime()
    : typeof value === 'number'
      ? value
      : /^\d+$/.test(String(value))
        ? Number(value)
        : new Date(String(value)).getTime();

/**
 * A batch's send-log entries counted per time slice, account and outcome: two aggregate queries over the
 * batch's rows (the (batch, createdAt) index), whatever the batch's size. The first finds the span and picks
 * the slice length; the second groups by slice, account and status, so at most ~120 × accounts × 3 rows come
 * back. Times are computed in SQL from the column as stored; the driver's own reading of the first time gives
 * the offset (the server's time zone, for PostgreSQL and MariaDB) that turns them into instants.
 */
export const readBatchTimeline = async (
  strapi: Core.Strapi,
  table: SendLogTable,
  batchId: number
): Promise<BatchTimeline> => {
  const db = strapi.db.connection;
  const client = strapi.db.dialect.client as string;
  const dialect: Dialect = client === 'postgres' || client === 'mysql' ? client : 'sqlite';
  const quoted = (attribute: string) => db.raw('??', [table.column(attribute)]).toQuery();
  const epochMs = EPOCH_MS[dialect](quoted('createdAt'));
  const ofBatch = () =>
    db(table.name)
      .where(table.column('batchId'), batchId)
      .whereIn(table.column('status'), [...DRAWN_STATUSES]);

  const [span] = (await ofBatch().select(
    db.raw(`MIN(${quoted('createdAt')}) AS first_at`),
    db.raw(`MIN(${epochMs}) AS first_ms`),
    db.raw(`MAX(${epochMs}) AS last_ms`)
  )) as { first_at: unknown; first_ms: unknown; last_ms: unknown }[];
  if (!span || span.first_at == null)
    return { bucketSeconds: BUCKET_SECONDS[0], buckets: [], accounts: [] };
  const firstMs = Number(span.first_ms);
  const lastMs = Number(span.last_ms);
  // whole minutes: a time zone offset, never the sub-millisecond rest of a timestamp(6)
  const offsetMs = Math.round((toMs(span.first_at) - firstMs) / 60_000) * 60_000;
  const bucketSeconds = pickBucketSeconds(firstMs, lastMs);
  const sliceMs = bucketSeconds * 1000;

  const rows = (await ofBatch()
    .select(
      db.raw(`${SLICE_OF[dialect](epochMs, sliceMs)} AS slice`),
      db.raw(`${quoted('accountId')} AS account_id`),
      db.raw(`${quoted('accountEmail')} AS account_email`),
      db.raw(`${quoted('status')} AS status`),
      db.raw('COUNT(*) AS n')
    )
    .groupByRaw('1, 2, 3, 4')) as {
    slice: unknown;
    account_id: unknown;
    account_email: string | null;
    status: string;
    n: unknown;
  }[];

  const firstSlice = Math.floor(firstMs / sliceMs);
  const lastSlice = Math.floor(lastMs / sliceMs);
  const buckets: BatchTimelineBucket[] = [];
  for (let slice = firstSlice; slice <= lastSlice; slice += 1)
    buckets.push({ start: new Date(slice * sliceMs + offsetMs).toISOString(), accounts: [] });
  const totals = new Map<string, BatchAccountShare>();
  const shareIn = (shares: BatchAccountShare[], accountId: number | null, email: string | null) => {
    let share = shares.find((s) => s.accountId === accountId && s.accountEmail === email);
    if (!share) {
      share = { accountId, accountEmail: email, sent: 0, failed: 0 };
      shares.push(share);
    }
    return share;
  };
  for (const row of rows) {
    // a try logged between the two queries lies past the last slice: the next read draws it
    const bucket = buckets[Number(row.slice) - firstSlice];
    if (!bucket) continue;
    const accountId = row.account_id == null ? null : Number(row.account_id);
    const email = row.account_email ?? null;
    const outcome = row.status === 'failed' ? 'failed' : 'sent';
    const count = Number(row.n);
    shareIn(bucket.accounts, accountId, email)[outcome] += count;
    const key = `${accountId}\u0000${email}`;
    const total = totals.get(key) ?? { accountId, accountEmail: email, sent: 0, failed: 0 };
    total[outcome] += count;
    totals.set(key, total);
  }
  return {
    bucketSeconds,
    buckets,
    accounts: [...totals.values()].sort((a, b) => b.sent + b.failed - (a.sent + a.failed)),
  };
};
