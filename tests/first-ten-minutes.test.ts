/**
 * A new user's first ten minutes (issue 18), the server's side of it:
 *  1. a required field the admin emptied is refused on its field (REQUIRED), never taken as "unchanged";
 *  2. a host name that does not resolve is said as such (HOST_UNRESOLVED), not as a policy refusal;
 *  8. Settings → Email → Send test email with fallback "reject" answers a 400 naming the send-log entry
 *     (Strapi's controller re-wrapped our refusal as a 500);
 *  12. a test mail is a mail: it is in the send log and in the account's health.
 * Real Strapi, real smtp-server on 127.0.0.1.
 */
import { SMTP_ACCOUNT_UID } from '../server/src/accounts';
import { AdminClient, registerSuperAdmin } from './helpers/admin-client';
import { refusedPort, startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

const PASSWORD = 'First-Ten-pa55';
let app: TestApp;
let admin: AdminClient;
let smtp: TestSmtpServer;
let seq = 0;

const account = (overrides: Record<string, unknown> = {}) => ({
  name: 'First',
  email: `first-${++seq}@ten.test`,
  host: '127.0.0.1',
  port: smtp.port,
  security: 'none',
  authType: 'plain',
  username: 'first',
  password: PASSWORD,
  ...overrides,
});
/** The stored row, without the domain check (written in the background after every save). */
const row = async (id: number) => {
  const { domainCheck: _check, ...stored } = await app.strapi.db
    .query(SMTP_ACCOUNT_UID)
    .findOne({ where: { id } });
  return stored;
};

beforeAll(async () => {
  smtp = await startSmtpServer({ users: { first: PASSWORD, 'stock-provider': 'stock-provider' } });
  app = await startStrapi({ STOCK_SMTP_PORT: String(smtp.port) });
  admin = await registerSuperAdmin(app.url);
  expect(
    (await admin.put('/smtp-accounts/settings', { data: { enabled: true, fallback: 'provider' } }))
      .status
  ).toBe(200);
});

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

describe('1. an emptied required field is refused on its field, nothing saved', () => {
  it.each([
    ['port', null],
    ['host', ''],
    ['host', null],
    ['email', ''],
    ['email', null],
  ])('%s sent as %p: 400 REQUIRED on that field; the row is as it was', async (field, value) => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: account() })).body.data;
    const before = await row(created.id);
    const res = await admin.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { [field]: value },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'REQUIRED', field });
    expect(res.body.error.message).toMatch(new RegExp(`${field} is required`));
    expect(await row(created.id)).toEqual(before);
  });

  it('on create too', async () => {
    const res = await admin.post('/smtp-accounts/accounts', { data: account({ port: null }) });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'REQUIRED', field: 'port' });
  });
});

describe('2. a host that does not resolve', () => {
  it('is HOST_UNRESOLVED on the host field, with no policy configured', async () => {
    const res = await admin.post('/smtp-accounts/accounts', {
      data: account({ host: 'no-such-host.invalid' }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'HOST_UNRESOLVED', field: 'host' });
    expect(res.body.error.message).toMatch(/does not resolve/);
    expect(res.body.error.message).not.toMatch(/policy/);
  });
});

describe('8. Strapi\'s test mail (Settings → Email plugin → "Send test email")', () => {
  it('with fallback "reject" and no account for the default From: a 400 naming the send-log entry, not a 500', async () => {
    await admin.put('/smtp-accounts/settings', { data: { fallback: 'reject' } });
    try {
      const res = await admin.post('/email/test', { to: 'someone@ten.test' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^The mail could not be sent \(send-log entry #\d+\)\.$/
      );
    } finally {
      await admin.put('/smtp-accounts/settings', { data: { fallback: 'provider' } });
    }
  });
});

describe("12. a test mail is in the send log and in the account's health", () => {
  it('delivered: an entry (rule "test", the account), and the account is OK, no longer "not used yet"', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: account() })).body.data;
    const health = async () =>
      (await admin.get('/smtp-accounts/accounts/health')).body.data.find(
        (h: { accountId: number }) => h.accountId === created.id
      );
    expect((await health()).status).toBe('unused');
    const sent = await admin.post(`/smtp-accounts/accounts/${created.id}/test`, {
      to: 'reader@ten.test',
    });
    expect(sent.status).toBe(200);
    expect(sent.body.data.logId).toEqual(expect.any(Number));
    const log = (await admin.get(`/smtp-accounts/log?accountId=${created.id}`)).body.data;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      id: sent.body.data.logId,
      status: 'sent',
      rule: 'test',
      accountId: created.id,
      firstRecipient: 'reader@ten.test',
      subject: 'SMTP account check',
    });
    expect(await health()).toMatchObject({ status: 'ok', sent: 1 });
  });

  it('failed: an entry with the stage, its id in the 400, and the account is failing', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: account() })).body.data;
    await app.strapi.db.query(SMTP_ACCOUNT_UID).update({
      where: { id: created.id },
      data: { port: await refusedPort(), password: PASSWORD },
    });
    const res = await admin.post(`/smtp-accounts/accounts/${created.id}/test`, {
      to: 'reader@ten.test',
    });
    expect(res.status).toBe(400);
    const logId = res.body.error.details.logId;
    const entry = (await admin.get(`/smtp-accounts/log?accountId=${created.id}`)).body.data[0];
    expect(entry).toMatchObject({ id: logId, status: 'failed', rule: 'test' });
    expect(entry.attemptLog[0]).toMatchObject({ ok: false, stage: 'connect' });
    const health = (await admin.get('/smtp-accounts/accounts/health')).body.data.find(
      (h: { accountId: number }) => h.accountId === created.id
    );
    expect(health).toMatchObject({ status: 'failing', failed: 1 });
    expect(JSON.stringify(entry)).not.toContain(PASSWORD);
  });
});
