import crypto from 'node:crypto';
import { errors } from '@strapi/utils';
import type { BatchRejection } from '../../../shared/contracts/campaigns';
import { checkMail } from '../sending/check-mail';
import type { EmailOptions } from '../transport/message';
import type { NewQueuedMail } from './store';

/** Messages stored per insert transaction while an iterable is read: memory stays flat for any campaign size. */
export const INTAKE_PAGE = 500;
/** Rejections kept on the batch (the count is always exact). */
export const KEPT_REJECTIONS = 20;
/** A stored message's JSON at most (attachments by content included). */
export const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

/** The fields a queued message keeps (JSON-safe): the rest would not survive the database anyway. */
const KEPT_FIELDS = [
  'from',
  'to',
  'cc',
  'bcc',
  'replyTo',
  'subject',
  'text',
  'html',
  'attachments',
  'headers',
  'messageId',
  'date',
  'inReplyTo',
  'references',
  'priority',
  'list',
  'textEncoding',
  'encoding',
] as const;

export type MessageSource = Iterable<unknown> | AsyncIterable<unknown>;

export const isMessageSource = (value: unknown): value is MessageSource =>
  value != null &&
  typeof value !== 'string' &&
  (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function' ||
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function');

/** Buffers in attachments become base64 text, so that the message survives JSON. */
const jsonSafe = (message: EmailOptions): EmailOptions => {
  const kept: Record<string, unknown> = {};
  for (const key of KEPT_FIELDS) if (message[key] !== undefined) kept[key] = message[key];
  if (Array.isArray(kept.attachments)) {
    kept.attachments = (kept.attachments as Record<string, unknown>[]).map((attachment) =>
      Buffer.isBuffer(attachment?.content)
        ? {
            ...attachment,
            content: (attachment.content as Buffer).toString('base64'),
            encoding: 'base64',
          }
        : attachment
    );
  }
  return kept as EmailOptions;
};

/** A Message-ID that stays the same across retries: receivers can drop a duplicate. */
const messageIdFor = (batchId: number, seq: number, sender: string | undefined) => {
  const domain = sender?.split('@')[1]?.replace(/[^A-Za-z0-9.-]/g, '') || 'smtp-accounts.invalid';
  return `<b${batchId}.m${seq}.${crypto.randomBytes(6).toString('hex')}@${domain}>`;
};

export interface IntakeChecks {
  defaultFrom: string | undefined;
  maxFromLength: number;
}

export interface IntakeResult {
  accepted: number;
  rejected: number;
  rejections: BatchRejection[];
}

/**
 * Reads a campaign's messages (an array or any iterable, sync or async), checks each one like a send
 * would (From, recipients, size) and hands them to `store` a page at a time. A message that fails its
 * checks is rejected on its own (counted, the first reasons kept); the batch goes on.
 */
export const takeIn = async (
  batchId: number,
  source: MessageSource,
  checks: IntakeChecks,
  store: (page: NewQueuedMail[]) => Promise<void>
): Promise<IntakeResult> => {
  const result: IntakeResult = { accepted: 0, rejected: 0, rejections: [] };
  let page: NewQueuedMail[] = [];
  let index = 0;
  const reject = (code: string, message: string) => {
    result.rejected += 1;
    if (result.rejections.length < KEPT_REJECTIONS)
      result.rejections.push({ index, code, message });
  };
  for await (const item of source as AsyncIterable<unknown>) {
    try {
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        reject(
          'NOT_A_MESSAGE',
          'a message must be an object with from, to, subject and text or html'
        );
        continue;
      }
      const message = jsonSafe(item as EmailOptions);
      const checked = checkMail(message, checks.defaultFrom, checks.maxFromLength);
      const json = JSON.stringify(message);
      if (Buffer.byteLength(json) > MAX_MESSAGE_BYTES) {
        reject(
          'MESSAGE_TOO_LARGE',
          `the message is larger than ${MAX_MESSAGE_BYTES / 1024 / 1024} MB`
        );
        continue;
      }
      const seq = result.accepted;
      const stored = checked.from === message.from ? message : { ...message, from: checked.from };
      page.push({
        seq,
        message: stored as EmailOptions,
        messageId:
          typeof message.messageId === 'string'
            ? message.messageId
            : messageIdFor(batchId, seq, checked.sender?.address),
      });
      result.accepted += 1;
      if (page.length >= INTAKE_PAGE) {
        await store(page);
        page = [];
        // SQLite's driver answers synchronously: without a turn of the event loop between pages, a long intake
        // would hold every HTTP request (and the queue's own sends) until the whole batch is read
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      if (!(error instanceof errors.ValidationError)) throw error;
      reject(
        String((error.details as { code?: string } | undefined)?.code ?? 'INVALID_MAIL'),
        error.message
      );
    } finally {
      index += 1;
    }
  }
  await store(page);
  return result;
};
