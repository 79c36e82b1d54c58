/**
 * Sending limits held in every sliding window (issue 20), on the database store: SQLite here, PostgreSQL and
 * MariaDB in their passes. The windows are asked at chosen moments (tests/helpers/limit-scenarios.ts); the
 * queue then shows a limit that counts recipients end to end, against a real SMTP server.
 */
import { AdminClient, registerSuperAdmin } from './helpers/admin-client';
import {
  allWindows,
  concurrentTakes,
  recipients,
  settledAtTheEnd,
  slidingMinute,
  type LimitsUnderTest,
} from './helpers/limit-scenarios';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

let app: TestApp;
let admin: AdminClient;
let smtp: TestSmtpServer;
const USERS = { counted: 'counted-Secret-pw', 'stock-provider': 'stock-provider' };

const limits = () => app.strapi.plugin('smtp-accounts').service('limits') as LimitsUnderTest;
const queue = () => app.strapi.plugin('smtp-accounts').service('queue');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  smtp = await startSmtpServer({ users: USERS, light: true });
  app = await startStrapi({
    STOCK_SMTP_PORT: String(smtp.port),
    SMTP_ACCOUNTS_ENABLED: 'true',
    SMTP_ACCOUNTS_QUEUE_POLL_MS: '100',
  });
  admin = await registerSuperAdmin(app.url);
}, 120000);

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

describe('the database store holds every sliding window', () => {
  it('a minute limit holds in any 60 s, not per fixed minute', () => slidingMinute(limits(), 9001));
  it('minute, hour and day together; direct sends are counted, never refused', () =>
    allWindows(limits(), 9002));
  it('a limit can count recipients', () => recipients(limits(), 9003));
  it('a mail counts from the end of its send', () => settledAtTheEnd(limits(), 9006));
  it('takes at the same moment never exceed the limit', async () => {
    expect(await concurrentTakes([limits()], 9004, 30)).toBe(7);
  });
  it('the hourly clean-up forgets only what left the day', async () => {
    const account = { id: 9005, limitPerDay: 100 };
    await limits().count(account, 1, Date.now() - 25 * 3600 * 1000);
    await limits().count(account, 1, Date.now() - 23 * 3600 * 1000);
    await app.strapi.plugin('smtp-accounts').service('limits').prune();
    const rows = await app.strapi.db
      .connection('smtp_accounts_limit_sends')
      .where('account_id', 9005)
      .count({ n: '*' });
    expect(Number(rows[0].n)).toBe(1);
    expect(await limits().usage(account)).toEqual({ limitPerDay: 1 });
  });
});

describe('limitCounts on an account', () => {
  let id: number;
  it('is saved and read back; a bad value is a 400 naming the field, and nothing is saved', async () => {
    const created = await admin.post('/smtp-accounts/accounts', {
      data: {
        name: 'Counted',
        email: 'counted@limits.test',
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        authType: 'plain',
        username: 'counted',
        password: USERS.counted,
        limitPerMinute: 6,
        limitCounts: 'recipients',
      },
    });
    expect(created.status).toBe(201);
    id = created.body.data.id;
    expect(created.body.data).toMatchObject({ limitPerMinute: 6, limitCounts: 'recipients' });
    const bad = await admin.put(`/smtp-accounts/accounts/${id}`, {
      data: { limitCounts: 'bytes' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('limitCounts must be one of: messages, recipients');
    const read = await admin.get(`/smtp-accounts/accounts/${id}`);
    expect(read.body.data.limitCounts).toBe('recipients');
  });

  it('the queue sends a recipient-counted account only as many recipients as the limit, in any 60 s', async () => {
    const batchId = await queue().enqueue(
      Array.from({ length: 5 }, (_, i) => ({
        from: 'Counted <counted@limits.test>',
        to: [`a${i}@example.test`, `b${i}@example.test`],
        subject: `pairs ${i}`,
        text: 'x',
      })),
      { campaign: 'pairs' }
    );
    const started = Date.now();
    while (smtp.received.filter((m) => m.subject.startsWith('pairs ')).length < 3) {
      if (Date.now() - started > 20000) throw new Error('3 mails not sent in 20 s');
      await sleep(100);
    }
    await sleep(2500);
    const sent = smtp.received.filter((m) => m.subject.startsWith('pairs '));
    // 3 mails × 2 recipients = the limit of 6 (counting messages would have let all 5 through)
    expect(sent).toHaveLength(3);
    expect(sent.flatMap((m) => m.rcptTo)).toHaveLength(6);
    expect((await queue().status(batchId)).counts).toMatchObject({ sent: 3, queued: 2 });
    await queue().cancel(batchId);
  }, 30000);

  it('a mail with more recipients than the limit is never sent through that account: it goes on as if the account did not match', async () => {
    const to = Array.from({ length: 7 }, (_, i) => `many${i}@example.test`);
    const batchId = await queue().enqueue(
      [{ from: 'Counted <counted@limits.test>', to, subject: 'seven 0', text: 'x' }],
      { campaign: 'seven' }
    );
    const started = Date.now();
    while ((await queue().status(batchId)).state !== 'done') {
      if (Date.now() - started > 20000) throw new Error('batch not done in 20 s');
      await sleep(100);
    }
    const got = smtp.received.filter((m) => m.subject === 'seven 0');
    expect(got).toHaveLength(1);
    // the stock provider (the fallback) sent it, not the account
    expect(got[0].user).toBe('stock-provider');
  }, 30000);
});
