import type { BatchState } from '../constants';

/** How many of a batch's messages are in each state (`rejected`: refused at enqueue, never stored). */
export interface BatchCounts {
  /** Messages stored (accepted at enqueue). */
  total: number;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  cancelled: number;
  /** Not sent: the recipient is on the suppression list (an unsubscribe, a hard bounce …). */
  suppressed: number;
  rejected: number;
  /** Sent again after the process sending them died mid-send: maybe delivered twice (same Message-ID). */
  uncertain: number;
}

/** Why a message was refused at enqueue (the first 20 are kept). `index` counts from 0 in the caller's order. */
export interface BatchRejection {
  index: number;
  code: string;
  message: string;
}

/** One account's share of a batch (`accountId` null: the stock provider, by fallback; or not sent yet). */
export interface BatchAccountShare {
  accountId: number | null;
  accountEmail: string | null;
  sent: number;
  failed: number;
}

export interface Batch {
  id: number;
  campaign: string;
  newsletter: boolean;
  state: BatchState;
  /** `database` (the embedded default) or `redis` (BullMQ). */
  engine: 'database' | 'redis';
  counts: BatchCounts;
  /** Messages finished (sent or failed) in the last minute, across every process. */
  perMinute: number;
  /** Seconds until the queued messages are sent at the current rate; null when nothing moves (paused, waiting for a limit, done). */
  etaSeconds: number | null;
  rejections: BatchRejection[];
  /** Set when reading the caller's messages failed (or the process stopped) before the end: what was read is sent. */
  enqueueError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface BatchDetail extends Batch {
  accounts: BatchAccountShare[];
}

export declare namespace ListBatches {
  interface Query {
    page?: string;
    pageSize?: string;
  }
  interface Response {
    data: Batch[];
    meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
  }
}

export declare namespace GetBatch {
  interface Params {
    id: string;
  }
  interface Response {
    data: BatchDetail;
  }
}

/** One time slice of a batch's sends: what each account sent and failed in it (accounts with nothing left out). */
export interface BatchTimelineBucket {
  /** Start of the slice (ISO 8601); it lasts `bucketSeconds`. */
  start: string;
  accounts: BatchAccountShare[];
}

/**
 * A batch's sends over time, from its send-log entries: every try counts once (a mail tried again later counts
 * a failure and then its outcome), `sent` includes the stock provider's fallback sends (`accountId` null).
 */
export interface BatchTimeline {
  /** Length of one slice: 1, 5, 10, 30 s, 1, 5, 10, 30 min, 1, 6 h, 1 day — the smallest giving at most 120 slices. */
  bucketSeconds: number;
  /** Every slice from the first try to the last, in time order (empty ones too); none before the first try. */
  buckets: BatchTimelineBucket[];
  /** Totals per account over the whole timeline, most mails first (the legend's order). */
  accounts: BatchAccountShare[];
}

/** GET /campaigns/:id/timeline */
export declare namespace GetBatchTimeline {
  interface Params {
    id: string;
  }
  interface Response {
    data: BatchTimeline;
  }
}

/** POST /campaigns/:id/pause | resume | cancel: the batch after the change. */
export declare namespace ChangeBatch {
  type Action = 'pause' | 'resume' | 'cancel';
  interface Params {
    id: string;
  }
  interface Response {
    data: BatchDetail;
  }
}
