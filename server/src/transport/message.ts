import type Mail from 'nodemailer/lib/mailer';

/** What Strapi's email service hands a provider (plus our `newsletter` flag, never copied into the message). */
export interface EmailOptions {
  from?: string | { name?: string; address: string };
  to?: Mail.Options['to'];
  cc?: Mail.Options['cc'];
  bcc?: Mail.Options['bcc'];
  replyTo?: Mail.Options['replyTo'];
  subject?: string;
  text?: string;
  html?: string;
  newsletter?: boolean;
  [key: string]: unknown;
}

// Fields passed through as they are; anything else (auth, raw, transport switches…) is dropped.
const PASS_THROUGH = [
  'to', 'cc', 'bcc', 'sender', 'attachments', 'alternatives', 'watchHtml', 'amp', 'headers', 'priority',
  'messageId', 'date', 'xMailer', 'inReplyTo', 'references', 'textEncoding', 'encoding', 'icalEvent',
  'list', 'envelope', 'dsn', 'attachDataUrls',
] as const;

/**
 * Builds the nodemailer message from an allowlist, as Strapi's nodemailer provider does.
 * The From keeps the message's own name; only a From without a name gets the account's.
 */
export const buildMessage = (
  options: EmailOptions,
  from: { name: string; address: string },
  defaults: { replyTo?: string }
): Mail.Options => {
  const message: Record<string, unknown> = {
    from,
    replyTo: options.replyTo ?? defaults.replyTo,
    subject: options.subject,
    text: options.text ?? options.html,
    html: options.html ?? options.text,
  };
  for (const key of PASS_THROUGH) if (options[key] !== undefined) message[key] = options[key];
  // attachments may name local files or URLs: never let a caller make us read or fetch them
  message.disableFileAccess = true;
  message.disableUrlAccess = true;
  return message as Mail.Options;
};
