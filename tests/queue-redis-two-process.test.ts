/**
 * The campaign queue on BullMQ (Redis): two Strapi processes on one PostgreSQL database share one queue
 * and one limit. Needs Redis on 127.0.0.1:6379 (npm test checks it first; TEST_REQUIRE_ALL=1 makes it
 * required). Its own Redis database (TEST_REDIS_DB, default 5) is emptied before and after.
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
import { startStrapiChild, type StrapiChild } from './helpers/strapi-child-process';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

const REDIS_DB = Number(process.env.TEST_REDIS_DB || 5);
const REDIS_URL = `redis://127.0.0.1:6379/${REDIS_DB}`;
let app: TestApp;
let admin: AdminClient;
let smtp: TestSmtpServer;
let slow: TestSmtpServer;
let child: StrapiChild;
const USERS = {
  shared: 'shared-Secret-pw',
  capped: 'capped-Secret-pw',
  slowpoke: 'slowpoke-Secret-pw',
  'stock-provider': 'stock-provider',
};

const ask = <T>(cmd: string, body: Record<string, unknown> = {}) => child.call<T>(cmd, body);

const flushRedis = async () => {
  const { default: IORedis } = await import('ioredis');
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  await redis.flushdb();
  await redis.quit();
};

const queue = () => app.strapi.plugin('smtp-accounts').service('queue');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const received = (tag: string) =>
  smtp.received.filter((mail) => mail.subject.startsWith(`${tag} `));

const createAccount = async (
  user: keyof typeof USERS,
  extra: Record<string, unknown> = {},
  port = smtp.port
) => {
  const res = await admin.post('/smtp-accounts/accounts', {
    data: {
      name: user,
      email: `${user}@redis.test`,
      host: '127.0.0.1',
      port,
      security: 'none',
      authType: 'plain',
      username: user,
      password: USERS[user],
      ...extra,
    },
  });
  expect(res.status).toBe(201);
};

beforeAll(async () => {
  await flushRedis();
  smtp = await startSmtpServer({ users: USERS, light: true });
  slow = await startSmtpServer({ users: USERS, light: true, dataDelayMs: 100 });
  app = await startStrapi({
    DATABASE_CLIENT: 'postgres',
    STOCK_SMTP_PORT: String(smtp.port),
    SMTP_ACCOUNTS_ENABLED: 'true',
    SMTP_ACCOUNTS_QUEUE_REDIS: REDIS_URL,
    SMTP_ACCOUNTS_SYNC_INTERVAL_MS: '500',
    SMTP_ACCOUNTS_QUEUE_POLL_MS: '100',
    // BullMQ's lock and stalled-job check follow it: a killed process's jobs come back within seconds
    SMTP_ACCOUNTS_QUEUE_LEASE_MS: '5000',
  });
  admin = await registerSuperAdmin(app.url);
  await createAccount('shared');
  await createAccount('capped', { limitPerMinute: 10 });
  await createAccount('slowpoke', {}, slow.port);
  child = await startStrapiChild(undefined, { captureOutput: true });
}, 180000);

afterAll(async () => {
  await child?.stop();
  await app?.stop();
  await Promise.all([smtp?.close(), slow?.close()]);
  await flushRedis().catch(() => undefined);
});

it('runs on BullMQ, and both processes take work from one queue: every mail sent once', async () => {
  expect(queue().engineName()).toBe('redis');
  const batchId = await ask<number>('enqueue', {
    from: 'shared <shared@redis.test>',
    count: 600,
    tag: 'both',
  });
  const started = Date.now();
  while ((await queue().status(batchId)).state !== 'done') {
    if (Date.now() - started > 60000) throw new Error('batch not done in 60 s');
    await sleep(200);
  }
  const status = await queue().status(batchId);
  expect(status).toMatchObject({
    engine: 'redis',
    counts: { total: 600, sent: 600, failed: 0, uncertain: 0 },
  });
  const subjects = received('both').map((mail) => mail.subject);
  expect(subjects).toHaveLength(600);
  expect(new Set(subjects).size).toBe(600);
  const here = queue().stats().finished;
  const there = (await ask<{ finished: number }>('queueStats')).finished;
  expect(here + there).toBe(600);
  expect(here).toBeGreaterThan(0);
  expect(there).toBeGreaterThan(0);
}, 90000);

it('holds one limit across both processes (kept in Redis)', async () => {
  const mine = await queue().enqueue(
    Array.from({ length: 15 }, (_, i) => ({
      from: 'capped <capped@redis.test>',
      to: `a${i}@example.test`,
      subject: `capped ${i}`,
      text: 'x',
    })),
    { campaign: 'capped here' }
  );
  const theirs = await ask<number>('enqueue', {
    from: 'capped <capped@redis.test>',
    count: 15,
    tag: 'capped-child',
  });
  await sleep(5000);
  const sent = received('capped').length + received('capped-child').length;
  expect(sent).toBe(10);
  const [a, b] = [await queue().status(mine), await queue().status(theirs)];
  expect(a.counts.sent + b.counts.sent).toBe(10);
  expect(a.counts.queued + a.counts.sending + b.counts.queued + b.counts.sending).toBe(20);
  await queue().cancel(mine);
  await queue().cancel(theirs);
}, 30000);

it('the limits kept in Redis hold every sliding window, and can count recipients (issue 20)', async () => {
  const limits = app.strapi.plugin('smtp-accounts').service('limits') as LimitsUnderTest;
  await slidingMinute(limits, 9101);
  await allWindows(limits, 9102);
  await recipients(limits, 9103);
  await settledAtTheEnd(limits, 9105);
  expect(await concurrentTakes([limits], 9104, 30)).toBe(7);
}, 30000);

it('when Redis loses its jobs (flushed, restarted without persistence), the queued messages are scheduled again', async () => {
  // a slow server: most jobs still wait in Redis when it is flushed
  const batchId = await queue().enqueue(
    Array.from({ length: 300 }, (_, i) => ({
      from: 'slowpoke <slowpoke@redis.test>',
      to: `l${i}@example.test`,
      subject: `lost-jobs ${i}`,
      text: 'x',
    })),
    { campaign: 'lost jobs' }
  );
  await queue().whenEnqueued(batchId);
  await flushRedis();
  const started = Date.now();
  while ((await queue().status(batchId)).state !== 'done') {
    if (Date.now() - started > 60000) throw new Error('batch not done in 60 s');
    await sleep(200);
  }
  const got = slow.received
    .filter((mail) => mail.subject.startsWith('lost-jobs '))
    .map((mail) => mail.subject);
  expect(new Set(got).size).toBe(300);
  // sent once each, but for the mails in flight at the flush (their jobs vanished mid-send): those are marked uncertain
  const status = await queue().status(batchId);
  expect(got.length - 300).toBeLessThanOrEqual(status.counts.uncertain);
  const reconciled = [...app.logs, child.output()].join('\n');
  expect(reconciled).toMatch(
    new RegExp(`Redis holds no job for batch ${batchId}'s queued messages`)
  );
}, 90000);

it('an address suppressed in the other process mid-batch gets no more newsletter mail, in either process (issue 19)', async () => {
  const batchId = await queue().enqueue(
    Array.from({ length: 40 }, (_, i) => ({
      from: 'slowpoke <slowpoke@redis.test>',
      to: `sub${i}@example.test`,
      subject: `suppressed-batch ${i}`,
      text: 'x',
    })),
    { campaign: 'suppressed mid-batch', newsletter: true }
  );
  // the slow server takes ~100 ms a mail: wait for the first deliveries, then unsubscribe the last address there
  const started = Date.now();
  while (slow.received.filter((m) => m.subject.startsWith('suppressed-batch ')).length < 3) {
    if (Date.now() - started > 20000) throw new Error('no delivery in 20 s');
    await sleep(50);
  }
  await ask('suppress', { address: 'sub39@example.test' });
  while ((await queue().status(batchId)).state !== 'done') {
    if (Date.now() - started > 60000) throw new Error('batch not done in 60 s');
    await sleep(200);
  }
  const status = await queue().status(batchId);
  expect(status.counts).toMatchObject({ total: 40, sent: 39, suppressed: 1, failed: 0 });
  const got = slow.received
    .filter((m) => m.subject.startsWith('suppressed-batch '))
    .map((m) => m.subject);
  expect(got).not.toContain('suppressed-batch 39');
  expect(new Set(got).size).toBe(39);
}, 90000);

it('a pause takes effect at once in both processes: after it answers, only the mails in flight arrive (issue 20)', async () => {
  const batchId = await queue().enqueue(
    Array.from({ length: 400 }, (_, i) => ({
      from: 'slowpoke <slowpoke@redis.test>',
      to: `p${i}@example.test`,
      subject: `pause-now ${i}`,
      text: 'x',
    })),
    { campaign: 'pause now' }
  );
  const arrived = () => slow.received.filter((m) => m.subject.startsWith('pause-now ')).length;
  const started = Date.now();
  while (arrived() < 40) {
    if (Date.now() - started > 30000) throw new Error('40 mails not delivered in 30 s');
    await sleep(50);
  }
  await queue().pause(batchId);
  const atPause = arrived();
  await sleep(2000);
  // two processes with 16 mails in flight each
  expect(arrived() - atPause).toBeLessThanOrEqual(32);
  await queue().cancel(batchId);
}, 60000);

it('whenEnqueued answers a batch read by the other process (issue 20)', async () => {
  const batchId = await ask<number>('enqueue', {
    from: 'shared <shared@redis.test>',
    count: 30,
    invalid: 2,
    tag: 'intake-elsewhere',
  });
  expect(await queue().whenEnqueued(batchId)).toMatchObject({ accepted: 30, rejected: 2 });
}, 30000);

// last: it kills the second process
it('a process SIGKILLed mid-batch: the other sends the rest of its jobs, none lost, only mails in flight sent twice and those marked uncertain (issue 20)', async () => {
  const N = 300;
  const batchId = await queue().enqueue(
    Array.from({ length: N }, (_, i) => ({
      from: 'slowpoke <slowpoke@redis.test>',
      to: `k${i}@example.test`,
      subject: `killed ${i}`,
      text: 'x',
    })),
    { campaign: 'killed' }
  );
  const arrived = () => slow.received.filter((m) => m.subject.startsWith('killed '));
  const started = Date.now();
  while (arrived().length < 60) {
    if (Date.now() - started > 30000) throw new Error('60 mails not delivered in 30 s');
    await sleep(20);
  }
  const before = await ask<{ inFlight: number }>('queueStats');
  await child.kill();
  // it had mails on the wire: BullMQ's stalled-job check gives its jobs to this process
  expect(before.inFlight).toBeGreaterThan(0);
  while ((await queue().status(batchId)).state !== 'done') {
    if (Date.now() - started > 90000) throw new Error('batch not done in 90 s');
    await sleep(200);
  }
  const status = await queue().status(batchId);
  expect(status.counts).toMatchObject({ total: N, sent: N, failed: 0, queued: 0, sending: 0 });
  const times = new Map<string, number>();
  for (const mail of arrived()) times.set(mail.subject, (times.get(mail.subject) ?? 0) + 1);
  expect(times.size).toBe(N);
  const twice = [...times].filter(([, n]) => n > 1).map(([subject]) => subject);
  // at most what the killed process had on the wire (its concurrency), and each one marked
  expect(twice.length).toBeLessThanOrEqual(16);
  const logged = (await app.strapi.db
    .query('plugin::smtp-accounts.send-log')
    .findMany({ where: { batchId, uncertain: true }, select: ['subject'] })) as {
    subject: string;
  }[];
  const marked = new Set(logged.map((row) => row.subject));
  for (const subject of twice) expect(marked.has(subject)).toBe(true);
  // the rows it held were taken over (as uncertain), and only those
  expect(status.counts.uncertain).toBeGreaterThan(0);
  expect(status.counts.uncertain).toBeLessThanOrEqual(16);
}, 120000);
