import type { SendStatus } from '../constants';

/**
 * The `rule` a send-log entry names: a step of the account-choice rule, the fallback or a refusal, the panel's test
 * mail, or a newsletter left unsent for the suppression list. The panel translates each (a missing one fails tsc).
 */
export const LOG_RULES = [
  'newsletter-name-address',
  'newsletter-address',
  'name-address',
  'address',
  'fallback',
  'reject',
  'test',
  'suppressed',
] as const;
export type LogRule = (typeof LOG_RULES)[number];

/** One try of one account (or of the stock provider) for a mail. */
export interface SendAttempt {
  accountId: number | null;
  accountEmail: string | null;
  rule: string;
  ok: boolean;
  stage?: string;
  code?: string;
  response?: string;
  /** The connection dropped (or timed out) after the set-up: the server may hold the message. */
  uncertain?: boolean;
  durationMs: number;
}

/** A send-log entry as the API answers it (the body, when kept, is only used for resend). */
export interface SendLogEntry {
  id: number;
  createdAt: string;
  from: string;
  recipientsCount: number;
  firstRecipient: string;
  subject: string;
  newsletter: boolean;
  accountId: number | null;
  accountEmail: string | null;
  rule: string;
  status: SendStatus;
  attempts: number;
  attemptLog: SendAttempt[];
  response: string | null;
  errorCode: string | null;
  durationMs: number;
  /** The entry this mail resends, when it is a resend. */
  resendOf: number | null;
  /** When this entry was resent (a failed entry is resent at most once). */
  resentAt: string | null;
  /** The campaign batch this mail was queued in (`queue.enqueue`), else null. */
  batchId: number | null;
  /** The Message-ID a queued mail carries (stable across retries, so receivers can de-duplicate). */
  messageId: string | null;
  /** A queued mail sent again after the process sending it died mid-send: it may have been delivered twice. */
  uncertain: boolean;
  /** Only a failed entry whose body was kept, that was not resent yet, and whose last attempt was not `uncertain`. */
  canResend: boolean;
}

export declare namespace ListSendLog {
  interface Query {
    status?: SendStatus;
    accountId?: string;
    from?: string;
    since?: string;
    until?: string;
    /** Only the entries of this campaign batch. */
    batchId?: string;
    /** `true`: only the entries marked `uncertain` (sent again after a process died mid-send); `false`: none of them. */
    uncertain?: 'true' | 'false';
    page?: string;
    pageSize?: string;
  }
  interface Response {
    data: SendLogEntry[];
    meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
  }
}

export declare namespace ResendLogged {
  interface Params {
    id: string;
  }
  interface Response {
    /** The new attempt is an entry of its own (`logId`), linked to the original by `resendOf`. */
    data: { status: SendStatus; logId: number };
  }
}
