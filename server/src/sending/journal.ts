import type { SendStatus } from '../../../shared/constants';
import type { SendAttempt } from '../../../shared/contracts/send-log';
import type { EmailOptions } from '../transport/message';
import type { NewLogEntry } from '../services/send-log';
import type { CheckedMail } from './check-mail';

export interface JournalSink {
  record(entry: NewLogEntry): Promise<void>;
  recordNow(entry: NewLogEntry): Promise<number>;
}

export interface JournalOptions {
  newsletter: boolean;
  /** Keep the body for a resend (setting `logKeepBodies`). */
  keepBody: boolean;
  /** This send resends that entry. */
  resendOf: number | null;
  /** Write every outcome at once and answer its id (resends: the admin gets the new entry's id). */
  immediate: boolean;
  /**
   * A queued mail: its batch, its Message-ID, whether it may have gone out before. Its delivery's entry is handed
   * to `keep`: the queue writes it together with the mail's outcome.
   */
  queued?: {
    batchId: number;
    messageId: string;
    uncertain: boolean;
    keep: (entry: NewLogEntry) => void;
  } | null;
}

/** What the log keeps for a resend: the message's JSON-safe fields (attachments are not kept). */
const keptBody = (options: EmailOptions, newsletter: boolean) => {
  const { from, to, cc, bcc, replyTo, subject, text, html } = options;
  return JSON.parse(
    JSON.stringify({ from, to, cc, bcc, replyTo, subject, text, html, newsletter })
  ) as Record<string, unknown>;
};

const describeAttempt = (a: SendAttempt) =>
  `${a.accountId ? `account #${a.accountId} <${a.accountEmail}>` : 'the stock provider'}: ${[a.stage ?? 'unknown', a.code, a.response].filter(Boolean).join(' ')}`;

/**
 * The record of one mail: each attempt (already redacted by whoever adds it) and the send-log entry
 * written at the end. A delivered mail is logged in the next batch (off the send's path); a failure
 * is written at once, because the caller's error carries its id.
 */
export const createJournal = (mail: CheckedMail, sink: JournalSink, options: JournalOptions) => {
  const started = Date.now();
  const attempts: SendAttempt[] = [];

  const entry = (status: SendStatus, rule: string, last: Partial<SendAttempt>): NewLogEntry => ({
    from: mail.fromText,
    recipientsCount: mail.recipients.length,
    firstRecipient: mail.recipients[0] ?? '',
    subject: typeof mail.options.subject === 'string' ? mail.options.subject : '',
    newsletter: options.newsletter,
    accountId: last.accountId ?? null,
    accountEmail: last.accountEmail ?? null,
    rule,
    status,
    attempts: attempts.length,
    attemptLog: attempts,
    response: last.response ?? null,
    errorCode: last.ok ? null : (last.code ?? null),
    durationMs: Date.now() - started,
    resendOf: options.resendOf,
    resentAt: null,
    batchId: options.queued?.batchId ?? null,
    messageId: options.queued?.messageId ?? null,
    uncertain: options.queued?.uncertain ?? false,
    body: options.keepBody ? keptBody(mail.options, options.newsletter) : null,
  });

  return {
    attempts,
    add(attempt: SendAttempt) {
      attempts.push(attempt);
    },
    /** Logs a delivered mail; answers the entry id when written at once (else null). */
    async delivered(
      status: Extract<SendStatus, 'sent' | 'fallback'>,
      rule: string
    ): Promise<number | null> {
      const row = entry(status, rule, attempts[attempts.length - 1] ?? {});
      if (options.immediate) return sink.recordNow(row);
      if (options.queued) options.queued.keep(row);
      else await sink.record(row);
      return null;
    },
    /** Logs a newsletter not sent because every recipient is on the suppression list, at once (its id is answered). */
    async suppressed(addresses: readonly string[]): Promise<number> {
      return sink.recordNow({
        ...entry('suppressed', 'suppressed', {}),
        errorCode: 'SUPPRESSED',
        response: `not sent: on the suppression list (${addresses.join(', ')})`.slice(0, 500),
      });
    },
    /** Logs a mail nobody took, at once, and answers the entry id for the caller's error. */
    async failed(rule: string, code?: string): Promise<number> {
      const last: Partial<SendAttempt> = attempts[attempts.length - 1] ?? {};
      return sink.recordNow(entry('failed', rule, { ...last, code: last.code ?? code }));
    },
    /**
     * Whether trying later may succeed: every attempt failed before the server could have taken the mail,
     * and the last one for a reason that may pass (no connection, a timeout, TLS, the login, a 4xx reply).
     * A 5xx refusal, or a mail that may have been delivered, is final.
     */
    transient() {
      const last = attempts[attempts.length - 1];
      if (!last || attempts.some((attempt) => attempt.ok || attempt.uncertain)) return false;
      return (
        ['connect', 'timeout', 'tls', 'auth'].includes(last.stage ?? '') ||
        /^4\d\d\b/.test(last.response ?? '')
      );
    },
    /** One line for the server log and the admin: every attempt, no secrets (attempts are redacted). */
    summary(reason?: string) {
      return [reason, ...attempts.map(describeAttempt)].filter(Boolean).join('; ');
    },
  };
};

export type Journal = ReturnType<typeof createJournal>;
