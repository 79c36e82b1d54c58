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
// `envelope` and `sender` are dropped too: they would set MAIL FROM / RCPT TO apart from the headers
// (hidden recipients the send log never sees, a bounce address of the caller's choosing).
const PASS_THROUGH = [
  'to',
  'cc',
  'bcc',
  'attachments',
  'alternatives',
  'watchHtml',
  'amp',
  'headers',
  'priority',
  'messageId',
  'date',
  'xMailer',
  'inReplyTo',
  'references',
  'textEncoding',
  'encoding',
  'icalEvent',
  'list',
  'dsn',
  'attachDataUrls',
] as const;

/**
 * Headers that name addresses: nodemailer reads from/sender/to/cc/bcc headers into the envelope, so a `Bcc`
 * in `headers` would add a `RCPT TO` the send log never saw. They are set from the checked fields only.
 */
const ADDRESS_HEADERS = new Set([
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'return-path',
  'resent-from',
  'resent-sender',
  'resent-to',
  'resent-cc',
  'resent-bcc',
]);

/** `headers` without the address headers (an object, or nodemailer's list of `{ key, value }`). */
export const withoutAddressHeaders = (headers: unknown): unknown => {
  if (Array.isArray(headers))
    return headers.filter(
      (header) =>
        !ADDRESS_HEADERS.has(
          String((header as { key?: unknown })?.key ?? '')
            .trim()
            .toLowerCase()
        )
    );
  if (headers && typeof headers === 'object') {
    return Object.fromEntries(
      Object.entries(headers as Record<string, unknown>).filter(
        ([key]) => !ADDRESS_HEADERS.has(key.trim().toLowerCase())
      )
    );
  }
  return headers;
};

/**
 * Builds the nodemailer message from an allowlist, as Strapi's nodemailer provider does. The envelope is
 * the checked recipient list and the From address: nothing in `headers` can add a recipient or change the
 * sender. The From keeps the message's own name; only a From without a name gets the account's.
 */
export const buildMessage = (
  options: EmailOptions,
  from: { name: string; address: string },
  recipients: readonly string[],
  defaults: { replyTo?: string; dkim?: Mail.Options['dkim'] | null }
): Mail.Options => {
  const message: Record<string, unknown> = {
    from,
    replyTo: options.replyTo ?? defaults.replyTo,
    subject: options.subject,
    text: options.text ?? options.html,
    html: options.html ?? options.text,
  };
  for (const key of PASS_THROUGH) if (options[key] !== undefined) message[key] = options[key];
  if (message.headers !== undefined) message.headers = withoutAddressHeaders(message.headers);
  message.envelope = { from: from.address, to: [...recipients] };
  // a DKIM key of this app for the From domain signs the mail (the unsubscribe headers inside the signature)
  if (defaults.dkim) message.dkim = defaults.dkim;
  // attachments may name local files or URLs: never let a caller make us read or fetch them
  message.disableFileAccess = true;
  message.disableUrlAccess = true;
  return message as Mail.Options;
};

const LINE_BREAK = /[\r\n]/;

/** The texts of a `{ name, address }` recipient, as they would be written (checked raw, not JSON-escaped). */
const recipientTexts = (item: unknown): string[] => {
  const { name, address } = (item ?? {}) as { name?: unknown; address?: unknown };
  return [name, address].map((value) =>
    value === undefined || value === null ? '' : String(value)
  );
};

/** Recipients of to/cc/bcc, flattened (for the log and for the "no recipients" check). */
export const listRecipients = (
  options: EmailOptions,
  parse: (text: string) => { address?: string }[]
): string[] => {
  const out: string[] = [];
  for (const field of [options.to, options.cc, options.bcc]) {
    for (const item of ([] as unknown[]).concat(field ?? [])) {
      if (typeof item === 'string')
        out.push(
          ...parse(item)
            .map((a) => a.address ?? '')
            .filter(Boolean)
        );
      else if (item && typeof item === 'object' && 'address' in item)
        out.push(String((item as { address: unknown }).address));
    }
  }
  return out;
};

/**
 * Problems with a mail that no account could fix: answered before any account is tried, so a bad
 * call never half-sends. Returns the reasons (empty when the mail can be sent).
 */
export const findSendProblems = (options: EmailOptions, recipients: string[]): string[] => {
  const problems: string[] = [];
  if (!options || typeof options !== 'object') return ['the mail options must be an object'];
  if (recipients.length === 0) problems.push('the mail has no recipient (to, cc or bcc)');
  const from = options.from;
  if (
    from !== undefined &&
    typeof from !== 'string' &&
    !(from && typeof from === 'object' && typeof from.address === 'string')
  ) {
    problems.push('from must be an address or a { name, address } object');
  } else if (
    from &&
    LINE_BREAK.test(typeof from === 'string' ? from : `${from.name ?? ''}${from.address}`)
  ) {
    problems.push('from must not contain line breaks');
  }
  for (const field of ['subject', 'replyTo'] as const) {
    const value = options[field];
    if (value !== undefined && typeof value !== 'string' && field === 'subject')
      problems.push('subject must be a string');
    if (typeof value === 'string' && LINE_BREAK.test(value))
      problems.push(`${field} must not contain line breaks`);
  }
  for (const field of ['to', 'cc', 'bcc'] as const) {
    const value = options[field];
    if (value === undefined) continue;
    const items = ([] as unknown[]).concat(value);
    if (
      items.some(
        (item) =>
          typeof item !== 'string' && !(item && typeof item === 'object' && 'address' in item)
      )
    ) {
      problems.push(
        `${field} must be an address, a list of addresses or { name, address } objects`
      );
    } else if (
      items.some((item) =>
        (typeof item === 'string' ? [item] : recipientTexts(item)).some((text) =>
          LINE_BREAK.test(text)
        )
      )
    ) {
      problems.push(`${field} must not contain line breaks`);
    }
  }
  for (const field of ['text', 'html'] as const) {
    if (
      options[field] !== undefined &&
      typeof options[field] !== 'string' &&
      !Buffer.isBuffer(options[field])
    ) {
      problems.push(`${field} must be a string`);
    }
  }
  if (
    options.newsletterList !== undefined &&
    (typeof options.newsletterList !== 'string' ||
      !/^(\*|[\w.:@-]{1,100})$/.test(options.newsletterList))
  )
    problems.push('newsletterList must be "*" or a list key (letters, digits, . _ : @ -)');
  if (options.newsletter !== undefined && typeof options.newsletter !== 'boolean')
    problems.push('newsletter must be true or false');
  return problems;
};
