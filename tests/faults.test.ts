/**
 * Faults: an account that worked when it was saved breaks later. The mail fails over to the next
 * candidate only when the server cannot have taken it; it is never delivered twice; the caller and
 * the send log say what happened. Real SMTP servers with scripted faults, on 127.0.0.1.
 */
import { SEND_LOG_UID } from '../shared/constants';
import { SMTP_ACCOUNT_UID } from '../server/src/accounts';
import { AdminClient, registerSuperAdmin } from './helpers/admin-client';
import {
  refusedPort,
  startDropMidDataServer,
  startSilentServer,
  startSmtpServer,
  type TestSmtpServer,
} from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

const GOOD_PASSWORD = 'good-Secret-pw-1';
const FAULTY_PASSWORD = 'faulty-Secret-pw-2';
let app: TestApp;
let admin: AdminClient;
let good: TestSmtpServer;
const closers: (() => Promise<void>)[] = [];
let seq = 0;

/** Stores an account directly (no verification): "it worked when it was saved". */
const storeAccount = async (email: string, port: number, extra: Record<string, unknown> = {}) => {
  const row = await app.strapi.db.query(SMTP_ACCOUNT_UID).create({
    data: {
      name: 'Shop',
      email,
      host: '127.0.0.1',
      port,
      security: 'none',
      authType: 'plain',
      username: 'good',
      password: GOOD_PASSWORD,
      active: true,
      preferForNewsletters: false,
      ...extra,
    },
  });
  return row.id as number;
};

const mailer = () => app.strapi.plugin('smtp-accounts').service('mailer');
const delivered = (subject: string) => good.received.filter((m) => m.subject === subject);
const logFor = async (subject: string) => {
  await app.strapi.plugin('smtp-accounts').service('sendLog').flush();
  const res = await admin.get(`/smtp-accounts/log?pageSize=100`);
  expect(res.status).toBe(200);
  return res.body.data.find((e: { subject: string }) => e.subject === subject);
};

type FaultCase = {
  label: string;
  faulty: () => Promise<{ port: number; extra?: Record<string, unknown> }>;
  failover: boolean;
  stage: string;
  /** The server may hold the mail: logged uncertain, never resent. */
  uncertain?: boolean;
};

const smtpFault = (fault: 'greeting-421' | 'mail-550' | 'rcpt-451' | 'data-554') => async () => {
  const server = await startSmtpServer({ users: { good: GOOD_PASSWORD }, fault });
  closers.push(server.close);
  return { port: server.port };
};

const cases: FaultCase[] = [
  { label: '421 at greeting', faulty: smtpFault('greeting-421'), failover: true, stage: 'connect' },
  { label: '451 at RCPT', faulty: smtpFault('rcpt-451'), failover: true, stage: 'recipient' },
  { label: '550 at MAIL FROM', faulty: smtpFault('mail-550'), failover: false, stage: 'sender' },
  { label: '554 after DATA', faulty: smtpFault('data-554'), failover: false, stage: 'data' },
  {
    label: 'connection dropped mid-DATA',
    faulty: async () => {
      const server = await startDropMidDataServer();
      closers.push(server.close);
      return { port: server.port };
    },
    failover: false,
    stage: 'unknown',
    uncertain: true,
  },
  {
    label: 'TLS mismatch',
    faulty: async () => ({ port: good.port, extra: { security: 'ssl' } }),
    failover: true,
    stage: 'tls',
  },
  {
    label: 'authentication failure',
    faulty: async () => ({ port: good.port, extra: { password: FAULTY_PASSWORD } }),
    failover: true,
    stage: 'auth',
  },
  {
    label: 'silent server',
    faulty: async () => {
      const server = await startSilentServer();
      closers.push(server.close);
      return { port: server.port };
    },
    failover: true,
    stage: 'timeout',
  },
  {
    label: 'connection refused',
    faulty: async () => ({ port: await refusedPort() }),
    failover: true,
    stage: 'connect',
  },
];

beforeAll(async () => {
  good = await startSmtpServer({
    users: { good: GOOD_PASSWORD, 'stock-provider': 'stock-provider' },
  });
  app = await startStrapi({
    STOCK_SMTP_PORT: String(good.port),
    SMTP_ACCOUNTS_GREETING_TIMEOUT_MS: '1000',
    SMTP_ACCOUNTS_CONNECTION_TIMEOUT_MS: '1000',
  });
  admin = await registerSuperAdmin(app.url);
  await admin.put('/smtp-accounts/settings', {
    data: { enabled: true, fallback: 'provider', logKeepBodies: true },
  });
});

afterAll(async () => {
  await app?.stop();
  for (const close of closers) await close();
  await good?.close();
});

const table: string[] = [];
afterAll(() => {
  console.log(`fault table:\n${table.join('\n')}`);
});

describe.each(cases)('$label', ({ label, faulty, failover, stage, uncertain }) => {
  it(
    failover
      ? 'fails over to the next account, delivered once'
      : 'is not retried: the caller gets the error, nothing is delivered twice',
    async () => {
      const email = `shop-${++seq}@example.test`;
      const goodId = await storeAccount(email, good.port);
      const { port, extra } = await faulty();
      const faultyId = await storeAccount(email, port, extra); // higher id: tried first
      const subject = `fault ${label}`;

      const started = Date.now();
      const sending = mailer().send({
        from: `Shop <${email}>`,
        to: 'customer@example.test',
        subject,
        text: 'order confirmation',
      });
      if (failover) await expect(sending).resolves.toBeTruthy();
      else await expect(sending).rejects.toThrow(/could not be sent/);
      const elapsed = Date.now() - started;

      const entry = await logFor(subject);
      expect(entry.attemptLog[0]).toMatchObject({ accountId: faultyId, ok: false, stage });
      if (failover) {
        expect(delivered(subject)).toHaveLength(1);
        expect(entry).toMatchObject({ status: 'sent', accountId: goodId, attempts: 2 });
        expect(entry.attemptLog[1]).toMatchObject({ accountId: goodId, ok: true });
      } else {
        expect(delivered(subject)).toHaveLength(0);
        expect(entry).toMatchObject({ status: 'failed', attempts: 1, accountId: faultyId });
        expect(Boolean(entry.attemptLog[0].uncertain)).toBe(Boolean(uncertain));
        if (uncertain) {
          expect(entry.canResend).toBe(false);
          const resend = await admin.post(`/smtp-accounts/log/${entry.id}/resend`);
          expect(resend.status).toBe(400);
          expect(resend.body.error.details.code).toBe('MAYBE_DELIVERED');
        }
      }
      expect(JSON.stringify(entry)).not.toContain(GOOD_PASSWORD);
      expect(JSON.stringify(entry)).not.toContain(FAULTY_PASSWORD);
      table.push(
        `${label} → ${failover ? `failover to #${goodId}, delivered once` : 'error to the caller, not delivered'}; log ${entry.status}, stage ${entry.attemptLog[0].stage} ${entry.attemptLog[0].code} "${entry.attemptLog[0].response ?? ''}"; ${elapsed} ms`
      );
    }
  );
});

describe('when every account fails', () => {
  it('fallback "provider": the stock provider sends it, once, and the log says fallback', async () => {
    const email = `shop-${++seq}@example.test`;
    await storeAccount(email, await refusedPort());
    const subject = 'all down, fallback';
    await mailer().send({
      from: `Shop <${email}>`,
      to: 'customer@example.test',
      subject,
      text: 'x',
    });
    expect(delivered(subject)).toHaveLength(1);
    expect(delivered(subject)[0].user).toBe('stock-provider');
    expect(await logFor(subject)).toMatchObject({
      status: 'fallback',
      attempts: 2,
      rule: 'fallback',
    });
  });

  it('fallback "reject": the caller gets only the log entry id; the log and the server log list every attempt', async () => {
    await admin.put('/smtp-accounts/settings', { data: { fallback: 'reject' } });
    try {
      const email = `shop-${++seq}@example.test`;
      const first = await storeAccount(email, await refusedPort());
      const second = await storeAccount(email, good.port, { password: FAULTY_PASSWORD });
      const subject = 'all down, reject';
      const error = await mailer()
        .send({ from: `Shop <${email}>`, to: 'customer@example.test', subject, text: 'x' })
        .catch((e: Error) => e);
      expect(error.message).toMatch(/^The mail could not be sent \(send-log entry #\d+\)\.$/);
      const line = app.logs.find((l) =>
        l.includes(
          `send-log entry #${(error as Error & { details: { logId: number } }).details.logId})`
        )
      );
      expect(line).toMatch(new RegExp(`account #${second} .*auth.*account #${first} .*connect`));
      expect(line).not.toContain(FAULTY_PASSWORD);
      expect(delivered(subject)).toHaveLength(0);
      expect(await logFor(subject)).toMatchObject({ status: 'failed', attempts: 2 });
    } finally {
      await admin.put('/smtp-accounts/settings', { data: { fallback: 'provider' } });
    }
  });
});

describe('send log API', () => {
  it('filters by status, account and From, pages, and resends a failed mail whose body was kept', async () => {
    const failed = await admin.get('/smtp-accounts/log?status=failed&pageSize=2&page=1');
    expect(failed.status).toBe(200);
    expect(failed.body.data.length).toBeLessThanOrEqual(2);
    expect(failed.body.data.every((e: { status: string }) => e.status === 'failed')).toBe(true);
    expect(failed.body.meta.pagination.total).toBeGreaterThanOrEqual(4);
    expect((await admin.get('/smtp-accounts/log?status=lost')).status).toBe(400);
    expect((await admin.get('/smtp-accounts/log?since=yesterday')).status).toBe(400);
    const byFrom = await admin.get(`/smtp-accounts/log?from=${encodeURIComponent('shop-1@')}`);
    expect(byFrom.body.data.every((e: { from: string }) => e.from.includes('shop-1@'))).toBe(true);
    expect(byFrom.text).not.toContain('order confirmation'); // bodies are never returned

    // a mail that failed for good (550 at MAIL FROM, account #2 of case 3) is resent once the account works again
    const entry = failed.body.data[0];
    expect(entry.canResend).toBe(true);
    await app.strapi.db
      .query(SMTP_ACCOUNT_UID)
      .update({ where: { id: entry.accountId }, data: { active: false } });
    const before = delivered(entry.subject).length;
    const res = await admin.post(`/smtp-accounts/log/${entry.id}/resend`);
    expect(res.status).toBe(200);
    expect(delivered(entry.subject).length).toBe(before + 1);
  });
});

describe('send log retention', () => {
  it('prunes entries older than logRetentionDays and keeps the rest', async () => {
    const service = app.strapi.plugin('smtp-accounts').service('sendLog');
    await service.flush();
    const meta = app.strapi.db.metadata.get(SEND_LOG_UID);
    const created =
      (meta.attributes as Record<string, { columnName?: string }>).createdAt.columnName ??
      'created_at';
    const old = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    await app.strapi.db
      .connection(meta.tableName)
      .insert({ subject: 'ancient', status: 'sent', [created]: old });
    const before = await app.strapi.db.query(SEND_LOG_UID).count();
    await service.prune(30);
    expect(await app.strapi.db.query(SEND_LOG_UID).count()).toBe(before - 1);
    expect(
      await app.strapi.db.query(SEND_LOG_UID).findOne({ where: { subject: 'ancient' } })
    ).toBeNull();
  });
});

describe('secrets', () => {
  it('never appear in any log line of this app, whatever failed', () => {
    const all = app.logs.join('\n');
    expect(all).not.toContain(GOOD_PASSWORD);
    expect(all).not.toContain(FAULTY_PASSWORD);
  });
});
