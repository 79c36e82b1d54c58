/**
 * A batch's sends over time (`GET /smtp-accounts/campaigns/:id/timeline`), on SQLite here and on PostgreSQL and
 * MariaDB in their passes: a real Strapi, real SMTP servers. Each account's slices add up to what its SMTP user
 * delivered (or, for the refusing server, what it refused), and each send-log entry lies in the slice that
 * counts it — the per-dialect time arithmetic is checked against the entries' own times.
 */
import { PERMISSIONS, SEND_LOG_UID } from '../shared/constants';
import type { BatchTimeline } from '../shared/contracts/campaigns';
import type { SendLogEntry } from '../shared/contracts/send-log';
import { AdminClient, registerSuperAdmin } from './helpers/admin-client';
import { createAdminWithActions } from './helpers/roles';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

let app: TestApp;
let admin: AdminClient;
let smtp: TestSmtpServer;
let refuser: TestSmtpServer;
const ids: Record<string, number> = {};
const USERS: Record<string, string> = {
  alpha: 'pw-alpha-Secret1',
  beta: 'pw-beta-Secret1',
  gamma: 'pw-gamma-Secret1',
  'stock-provider': 'stock-provider',
};

const queue = () => app.strapi.plugin('smtp-accounts').service('queue');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const createAccount = async (user: string, port: number) => {
  const res = await admin.post('/smtp-accounts/accounts', {
    data: {
      name: user,
      email: `${user}@timeline.test`,
      host: '127.0.0.1',
      port,
      security: 'none',
      authType: 'login',
      username: user,
      password: USERS[user],
    },
  });
  expect(res.status).toBe(201);
  ids[user] = res.body.data.id;
};

const mails = (user: string, count: number, tag: string) =>
  Array.from({ length: count }, (_, i) => ({
    from: `${user} <${user}@timeline.test>`,
    to: `r${i}@example.test`,
    subject: `${tag} ${user} ${i}`,
    text: `hello ${i}`,
  }));

const waitDone = async (batchId: number) => {
  const started = Date.now();
  while ((await queue().status(batchId)).state !== 'done') {
    if (Date.now() - started > 60000) throw new Error(`batch ${batchId} not done in 60 s`);
    await sleep(100);
  }
};

const timelineOf = async (batchId: number) => {
  const res = await admin.get<{ data: BatchTimeline }>(
    `/smtp-accounts/campaigns/${batchId}/timeline`
  );
  expect(res.status).toBe(200);
  return res.body.data;
};

/** Sums of an account's slices. */
const summed = (timeline: BatchTimeline, accountId: number | null) => {
  const sum = { sent: 0, failed: 0 };
  for (const bucket of timeline.buckets)
    for (const share of bucket.accounts.filter((a) => a.accountId === accountId)) {
      sum.sent += share.sent;
      sum.failed += share.failed;
    }
  return sum;
};

beforeAll(async () => {
  smtp = await startSmtpServer({ users: USERS, light: true });
  refuser = await startSmtpServer({ users: USERS, light: true, fault: 'data-554' });
  app = await startStrapi({
    STOCK_SMTP_PORT: String(smtp.port),
    SMTP_ACCOUNTS_ENABLED: 'true',
    SMTP_ACCOUNTS_QUEUE_POLL_MS: '100',
  });
  admin = await registerSuperAdmin(app.url);
  await createAccount('alpha', smtp.port);
  await createAccount('beta', smtp.port);
  await createAccount('gamma', refuser.port);
  // a refused mail stays failed (no stock-provider fallback), so the chart shows gamma's failures
  expect(
    (await admin.put('/smtp-accounts/settings', { data: { fallback: 'reject' } })).status
  ).toBe(200);
}, 120000);

afterAll(async () => {
  await app?.stop();
  await Promise.all([smtp?.close(), refuser?.close()]);
});

describe('GET /smtp-accounts/campaigns/:id/timeline', () => {
  it('counts each account’s sends per slice as the SMTP servers saw them, each entry in its own slice', async () => {
    const tag = `tl${Date.now()}`;
    const batchId = await queue().enqueue(
      [...mails('alpha', 7, tag), ...mails('beta', 5, tag), ...mails('gamma', 3, tag)],
      { campaign: 'Timeline' }
    );
    await waitDone(batchId);
    const timeline = await timelineOf(batchId);

    const delivered = (user: string) =>
      smtp.received.filter((mail) => mail.user === user && mail.subject.startsWith(`${tag} `))
        .length;
    expect(delivered('alpha')).toBe(7);
    expect(delivered('beta')).toBe(5);
    expect(summed(timeline, ids.alpha)).toEqual({ sent: delivered('alpha'), failed: 0 });
    expect(summed(timeline, ids.beta)).toEqual({ sent: delivered('beta'), failed: 0 });
    // the refusing server took nothing; gamma tried each of its 3 mails once
    expect(refuser.received).toHaveLength(0);
    expect(summed(timeline, ids.gamma)).toEqual({ sent: 0, failed: 3 });
    expect(timeline.accounts).toEqual([
      { accountId: ids.alpha, accountEmail: 'alpha@timeline.test', sent: 7, failed: 0 },
      { accountId: ids.beta, accountEmail: 'beta@timeline.test', sent: 5, failed: 0 },
      { accountId: ids.gamma, accountEmail: 'gamma@timeline.test', sent: 0, failed: 3 },
    ]);

    // a batch of seconds: 1 s slices, consecutive, the first holding a try
    expect(timeline.bucketSeconds).toBe(1);
    expect(timeline.buckets.length).toBeGreaterThan(0);
    expect(timeline.buckets.length).toBeLessThanOrEqual(120);
    const starts = timeline.buckets.map((bucket) => Date.parse(bucket.start));
    starts.forEach((start, i) => i && expect(start - starts[i - 1]).toBe(1000));
    expect(timeline.buckets[0].accounts.length).toBeGreaterThan(0);
    expect(timeline.buckets[timeline.buckets.length - 1].accounts.length).toBeGreaterThan(0);

    // every send-log entry of the batch falls in the slice that counts it
    const log = await admin.get<{ data: SendLogEntry[] }>(
      `/smtp-accounts/log?batchId=${batchId}&pageSize=100`
    );
    expect(log.body.data).toHaveLength(15);
    const expected = new Map<string, number>();
    for (const entry of log.body.data) {
      const at = Date.parse(entry.createdAt);
      const slice = starts.findIndex((start) => start <= at && at < start + 1000);
      expect(slice).toBeGreaterThanOrEqual(0);
      const key = `${slice}:${entry.accountId}:${entry.status === 'failed' ? 'failed' : 'sent'}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const drawn = new Map<string, number>();
    timeline.buckets.forEach((bucket, slice) => {
      for (const share of bucket.accounts) {
        if (share.sent) drawn.set(`${slice}:${share.accountId}:sent`, share.sent);
        if (share.failed) drawn.set(`${slice}:${share.accountId}:failed`, share.failed);
      }
    });
    expect(drawn).toEqual(expected);
  });

  it('picks minute slices for a batch of 100 minutes, aligned on the minute, on every database', async () => {
    // send-log rows of a batch id no real batch uses yet, written as the plugin writes them (knex, a Date)
    const batchId = await queue().enqueue([{ from: 'alpha <alpha@timeline.test>' }], {
      campaign: 'Nothing sent',
    });
    await waitDone(batchId);
    const meta = app.strapi.db.metadata.get(SEND_LOG_UID);
    const column = (attribute: string) =>
      (meta.attributes as Record<string, { columnName?: string }>)[attribute]?.columnName ??
      attribute;
    const base = Date.UTC(2026, 10, 20, 9, 0, 0);
    const rows = [
      { at: base + 12_345, account: 'alpha', status: 'sent' },
      { at: base + 45_000, account: 'alpha', status: 'sent' },
      { at: base + 45_000, account: 'beta', status: 'failed' },
      { at: base + 61_000, account: 'beta', status: 'sent' },
      { at: base + 50 * 60_000 + 999, account: null, status: 'fallback' },
      { at: base + 100 * 60_000 + 30_000, account: 'alpha', status: 'sent' },
      { at: base + 100 * 60_000 + 31_000, account: 'alpha', status: 'suppressed' },
    ];
    await app.strapi.db.connection(meta.tableName).insert(
      rows.map((row) => ({
        [column('batchId')]: batchId,
        [column('accountId')]: row.account ? ids[row.account] : null,
        [column('accountEmail')]: row.account ? `${row.account}@timeline.test` : null,
        [column('status')]: row.status,
        [column('createdAt')]: new Date(row.at),
        [column('updatedAt')]: new Date(row.at),
      }))
    );
    const timeline = await timelineOf(batchId);
    expect(timeline.bucketSeconds).toBe(60);
    expect(timeline.buckets).toHaveLength(101);
    expect(timeline.buckets[0].start).toBe(new Date(base).toISOString());
    expect(timeline.buckets[100].start).toBe(new Date(base + 100 * 60_000).toISOString());
    const at = (minute: number) =>
      [...timeline.buckets[minute].accounts].sort(
        (a, b) => (a.accountId ?? 0) - (b.accountId ?? 0)
      );
    expect(at(0)).toEqual([
      { accountId: ids.alpha, accountEmail: 'alpha@timeline.test', sent: 2, failed: 0 },
      { accountId: ids.beta, accountEmail: 'beta@timeline.test', sent: 0, failed: 1 },
    ]);
    expect(at(1)).toEqual([
      { accountId: ids.beta, accountEmail: 'beta@timeline.test', sent: 1, failed: 0 },
    ]);
    expect(at(50)).toEqual([{ accountId: null, accountEmail: null, sent: 1, failed: 0 }]);
    expect(at(100)).toEqual([
      { accountId: ids.alpha, accountEmail: 'alpha@timeline.test', sent: 1, failed: 0 },
    ]);
    expect(timeline.buckets.filter((bucket) => bucket.accounts.length)).toHaveLength(4);
  });

  it('is empty for a batch that sent nothing, 404 for an unknown one, and needs campaigns.read', async () => {
    const batchId = await queue().enqueue([{ from: 'alpha <alpha@timeline.test>' }]);
    await waitDone(batchId);
    expect(await timelineOf(batchId)).toEqual({ bucketSeconds: 1, buckets: [], accounts: [] });

    const missing = await admin.get('/smtp-accounts/campaigns/999999/timeline');
    expect(missing.status).toBe(404);
    expect(missing.body.error.details.code).toBe('NOT_FOUND');

    const reader = await createAdminWithActions(app.strapi, app.url, [PERMISSIONS.campaignsRead]);
    expect((await reader.get(`/smtp-accounts/campaigns/${batchId}/timeline`)).status).toBe(200);
    const other = await createAdminWithActions(app.strapi, app.url, [PERMISSIONS.logRead]);
    expect((await other.get(`/smtp-accounts/campaigns/${batchId}/timeline`)).status).toBe(403);
  });
});
