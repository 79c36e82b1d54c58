import { errors } from '@strapi/utils';

/**
 * What a sender gets when no account (nor the stock provider) took the mail: the send-log entry id
 * and nothing else. Strapi's routes answer with it (users-permissions' forgot-password, `/api/email`,
 * the admin's own mails) to callers who may be anonymous, so the accounts, hosts, stages and replies
 * stay in the send log and the server log. `summary` (secrets already cut) is for server code and
 * for this plugin's admin API, which answers it to admins holding the permission.
 */
export class MailNotSentError extends errors.ApplicationError {
  constructor(
    readonly logId: number,
    readonly summary: string,
    /** Every try failed for a reason that may pass (no connection, timeout, TLS, login, a 4xx reply), none maybe delivered. */
    readonly transient = false
  ) {
    super(`The mail could not be sent (send-log entry #${logId}).`, {
      code: 'MAIL_NOT_SENT',
      logId,
    });
  }
}

/** Duck-typed too: a MailNotSentError from another copy of this module is still one. */
export const isMailNotSent = (error: unknown): error is MailNotSentError =>
  error instanceof MailNotSentError ||
  Boolean(
    error &&
    typeof error === 'object' &&
    (error as { details?: { code?: string } }).details?.code === 'MAIL_NOT_SENT' &&
    'summary' in error
  );
