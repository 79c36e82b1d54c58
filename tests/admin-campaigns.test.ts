import fs from 'node:fs';
import path from 'node:path';
import {
  batchActions,
  batchLogPath,
  batchProgress,
  campaignPath,
  etaParts,
  isFinished,
} from '../admin/src/utils/campaigns';
import { resendBlockReason } from '../admin/src/utils/logEntry';
import { readLogFilters, toLogQuery, withFilter } from '../admin/src/utils/logFilters';
import { ERROR_MESSAGES } from '../admin/src/utils/errorMessages';
import { BATCH_STATES } from '../shared/constants';
import { ERROR_CODES } from '../shared/contracts/errors';
import type { BatchCounts } from '../shared/contracts/campaigns';
import type { SendLogEntry } from '../shared/contracts/send-log';

const counts = (over: Partial<BatchCounts>): BatchCounts => ({
  total: 0,
  queued: 0,
  sending: 0,
  sent: 0,
  failed: 0,
  cancelled: 0,
  suppressed: 0,
  rejected: 0,
  uncertain: 0,
  ...over,
});

describe('campaign helpers of the panel', () => {
  test('progress counts sent, failed, cancelled and suppressed of the stored messages', () => {
    expect(
      batchProgress(counts({ total: 30, sent: 10, failed: 2, cancelled: 3, queued: 15 }))
    ).toEqual({ finished: 15, total: 30, percent: 50 });
    // rounded down: 99.9 % is not "100 %" while one message is still queued
    expect(batchProgress(counts({ total: 1000, sent: 999, queued: 1 })).percent).toBe(99);
    expect(batchProgress(counts({ total: 3, sent: 3 })).percent).toBe(100);
    // a mail not sent to a suppressed address has reached its end too
    expect(batchProgress(counts({ total: 4, sent: 3, suppressed: 1 })).percent).toBe(100);
    // every message refused at enqueue: nothing stored, no division by zero
    expect(batchProgress(counts({ rejected: 5 }))).toEqual({ finished: 0, total: 0, percent: 0 });
  });

  test('ETA reads in the largest units, rounded up; null stays null', () => {
    expect(etaParts(null)).toBeNull();
    expect(etaParts(-1)).toBeNull();
    expect(etaParts(Number.NaN)).toBeNull();
    expect(etaParts(0)).toEqual({ unit: 'seconds', seconds: 0 });
    expect(etaParts(12.2)).toEqual({ unit: 'seconds', seconds: 13 });
    expect(etaParts(61)).toEqual({ unit: 'minutes', minutes: 2 });
    // 59 min 59 s rounds up to the full hour
    expect(etaParts(3599)).toEqual({ unit: 'hours', hours: 1, minutes: 0 });
    expect(etaParts(2 * 3600 + 5 * 60)).toEqual({ unit: 'hours', hours: 2, minutes: 5 });
    expect(etaParts(3 * 86400 + 4 * 3600)).toEqual({ unit: 'days', days: 3, hours: 4 });
  });

  test('Pause / Resume / Cancel follow the state; finished batches take none', () => {
    expect(batchActions('active')).toEqual({ pause: true, resume: false, cancel: true });
    expect(batchActions('enqueuing')).toEqual({ pause: true, resume: false, cancel: true });
    expect(batchActions('paused')).toEqual({ pause: false, resume: true, cancel: true });
    expect(batchActions('done')).toEqual({ pause: false, resume: false, cancel: false });
    expect(batchActions('cancelled')).toEqual({ pause: false, resume: false, cancel: false });
    expect(BATCH_STATES.filter(isFinished)).toEqual(['cancelled', 'done']);
  });

  test('links into the send log carry the batch (and a status), which the log page reads back', () => {
    expect(campaignPath(7)).toBe('/plugins/smtp-accounts/campaigns/7');
    const link = new URL(batchLogPath(7, 'failed'), 'http://admin.test');
    expect(link.pathname).toBe('/plugins/smtp-accounts/log');
    const filters = readLogFilters(link.searchParams);
    expect(filters).toMatchObject({ batchId: '7', status: 'failed' });
    expect(toLogQuery(link.searchParams)).toEqual({
      batchId: '7',
      status: 'failed',
      page: '1',
      pageSize: '25',
    });
    // a hand-edited address asks nothing odd of the server
    expect(readLogFilters(new URLSearchParams('batchId=1;drop')).batchId).toBe('');
    expect(withFilter(link.searchParams, 'batchId', '').has('batchId')).toBe(false);
    const twice = new URL(batchLogPath(7, 'uncertain'), 'http://admin.test');
    expect(readLogFilters(twice.searchParams)).toMatchObject({
      batchId: '7',
      status: '',
      uncertain: 'true',
    });
    expect(toLogQuery(twice.searchParams)).toEqual({
      batchId: '7',
      uncertain: 'true',
      page: '1',
      pageSize: '25',
    });
    expect(readLogFilters(new URLSearchParams('uncertain=1')).uncertain).toBe('');
  });
});

describe('the send-log entry dialog', () => {
  const entry = (over: Partial<SendLogEntry>): SendLogEntry => ({
    id: 1,
    createdAt: '',
    from: 'a@example.test',
    recipientsCount: 1,
    firstRecipient: 'b@example.test',
    subject: 's',
    newsletter: false,
    accountId: 1,
    accountEmail: 'a@example.test',
    rule: 'address',
    status: 'failed',
    attempts: 1,
    attemptLog: [
      { accountId: 1, accountEmail: 'a@example.test', rule: 'address', ok: false, durationMs: 5 },
    ],
    response: null,
    errorCode: 'EMESSAGE',
    durationMs: 5,
    resendOf: null,
    resentAt: null,
    batchId: null,
    messageId: null,
    uncertain: false,
    canResend: false,
    ...over,
  });

  test('a mail that may have been delivered is not said to have lost its body', () => {
    const dropped = entry({
      attemptLog: [
        {
          accountId: 1,
          accountEmail: 'a@example.test',
          rule: 'address',
          ok: false,
          uncertain: true,
          durationMs: 5,
        },
      ],
    });
    expect(resendBlockReason(dropped)).toBe('maybeDelivered');
    expect(resendBlockReason(entry({ errorCode: 'MAYBE_DELIVERED' }))).toBe('maybeDelivered');
    expect(resendBlockReason(entry({}))).toBe('noBody');
    expect(resendBlockReason(entry({ canResend: true }))).toBeNull();
    expect(resendBlockReason(entry({ resentAt: '2026-01-01T00:00:00.000Z' }))).toBeNull();
    expect(resendBlockReason(entry({ status: 'sent' }))).toBeNull();
  });
});

describe('panel translations', () => {
  const dir = path.join(__dirname, '..', 'admin', 'src');
  const read = (locale: string) =>
    JSON.parse(fs.readFileSync(path.join(dir, 'translations', `${locale}.json`), 'utf8')) as Record<
      string,
      string
    >;
  const en = read('en');
  const ru = read('ru');
  const sources = (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => fs.readFileSync(path.join(dir, file), 'utf8'))
    .join('\n');

  test('en and ru hold the same keys, none empty', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    expect(Object.entries({ ...en, ...ru }).filter(([, text]) => !text.trim())).toEqual([]);
    for (const [key, text] of Object.entries(ru)) {
      // every placeholder of the English text is in the Russian one
      const names = (s: string) => [...s.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort();
      expect({ key, names: names(text) }).toEqual({ key, names: names(en[key]) });
    }
  });

  test('every key the panel names literally is translated, with its default as the English text', () => {
    const calls = [...sources.matchAll(/\bt\(\s*'([\w.-]+)',\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => [
      m[1],
      m[2].replace(/\\'/g, "'"),
    ]);
    expect(calls.length).toBeGreaterThan(100);
    const missing = calls.filter(([key]) => !(key in en)).map(([key]) => key);
    expect(missing).toEqual([]);
    const drift = calls
      .filter(([key, text]) => en[key] !== text)
      .map(([key, text]) => ({ key, code: text, en: en[key] }));
    expect(drift).toEqual([]);
  });

  test("each error code's English default is en.json's text (that every code has one is checked by tsc: translations/check.ts)", () => {
    const drift = ERROR_CODES.filter((code) => en[`error.code.${code}`] !== ERROR_MESSAGES[code]);
    expect(drift).toEqual([]);
    // no message left over for a code the server no longer answers
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...ERROR_CODES].sort());
  });
});
