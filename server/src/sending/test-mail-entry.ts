import type { TestMailOutcome } from '../accounts';
import type { NewLogEntry } from '../services/send-log';

/**
 * The send-log entry of a test mail (the panel's *Send test mail*): a mail like any other, so it shows in
 * the log (rule `test`, the account that sent it, the stage and reply of a failure) and in the account's
 * health, which the send log feeds.
 */
export const testMailEntry = ({
  account,
  to,
  ok,
  messageId,
  response,
  failure,
  durationMs,
}: TestMailOutcome): NewLogEntry => {
  const attempt = {
    accountId: account.id,
    accountEmail: account.email,
    rule: 'test',
    ok,
    ...(failure ? { stage: failure.stage, code: failure.code } : {}),
    response: ok ? response : failure?.detail,
    durationMs,
  };
  return {
    from: account.name ? `${account.name} <${account.email}>` : account.email,
    recipientsCount: 1,
    firstRecipient: to,
    subject: 'SMTP account check',
    newsletter: false,
    accountId: account.id,
    accountEmail: account.email,
    rule: 'test',
    status: ok ? 'sent' : 'failed',
    attempts: 1,
    attemptLog: [attempt],
    response: attempt.response ?? null,
    errorCode: failure?.code ?? null,
    durationMs,
    resendOf: null,
    resentAt: null,
    batchId: null,
    messageId: messageId ?? null,
    uncertain: false,
    body: null,
  };
};
