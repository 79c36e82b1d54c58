/**
 * Trust (issue #8): each hole found by attacking the packed plugin has a test here.
 * - a role with accounts.update cannot send a stored password to a server it names;
 * - anonymous callers (users-permissions' forgot-password) see no SMTP internals;
 * - a validation error never echoes the submitted password;
 * - a server echoing the password (plain or base64) gets it into no log row, log line or error;
 * - a delivered mail is never resent, a failed one at most once;
 * - account hosts obey the host policy, and non-SMTP banners are not quoted back;
 * - the send-log write queue is bounded; edits never fail mail in flight.
 * Real Strapi, real smtp-server instances on 127.0.0.1.
 */
import net from 'node:net';
import { SEND_LOG_UID } from '../shared/constants';
import { SMTP_ACCOUNT_UID } from '../server/src/accounts';
import { AdminClient, registerSuperAdmin } from './helpers/admin-client';
import { refusedPort, startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

const PASSWORD = 'Trust-Secret-pa55';
const ROTATED = 'Trust-Rotated-pa55';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const SECRET_FORMS = [
  PASSWORD,
  b64(PASSWORD),
  b64(`\u0000trust\u0000${PASSWORD}`),
  b64(`\u0000trust\u0000${PASSWORD}`).replace(/=+$/, ''),
];

let app: TestApp;
let admin: AdminClient;
let smtp: TestSmtpServer;
const closers: (() => Promise<void>)[] = [];
let seq = 0;

const mailer = () => app.strapi.plugin('smtp-accounts').service('mailer');
const sendLog = () => app.strapi.plugin('smtp-accounts').service('sendLog');
const account = (overrides: Record<string, unknown> = {}) => ({
  name: 'Trust',
  email: `trust-${++seq}@example.test`,
  host: '127.0.0.1',
  port: smtp.port,
  security: 'none',
  authType: 'plain',
  username: 'trust',
  password: PASSWORD,
  ...overrides,
});
/** The stored row, without the domain check (written in the background after every save). */
const rawRow = async (id: number) => {
  const found = await app.strapi.db.query(SMTP_ACCOUNT_UID).findOne({ where: { id } });
  if (!found) return found;
  const { domainCheck: _check, ...row } = found;
  return row;
};
const expectNoSecret = (text: string) => {
  for (const form of SECRET_FORMS) expect(text).not.toContain(form);
};

beforeAll(async () => {
  smtp = await startSmtpServer({
    users: { trust: [PASSWORD, ROTATED], 'stock-provider': 'stock-provider' },
  });
  app = await startStrapi({ STOCK_SMTP_PORT: String(smtp.port) });
  admin = await registerSuperAdmin(app.url);
  expect(
    (
      await admin.put('/smtp-accounts/settings', {
        data: { enabled: true, fallback: 'provider', logKeepBodies: true },
      })
    ).status
  ).toBe(200);
});

afterAll(async () => {
  await app?.stop();
  for (const close of closers) await close();
  await smtp?.close();
});

describe('the stored password only goes to the server it was entered for', () => {
  it.each([
    ['host', (attacker: TestSmtpServer) => ({ host: 'localhost', port: attacker.port })],
    ['port', (attacker: TestSmtpServer) => ({ port: attacker.port })],
    ['security', () => ({ security: 'starttls' })],
    ['authType', () => ({ authType: 'login' })],
    ['username', () => ({ username: 'someone-else' })],
  ])(
    'an update of %s without the password is a 400 on the password field; nothing reaches any server',
    async (_field, change) => {
      const created = (await admin.post('/smtp-accounts/accounts', { data: account() })).body.data;
      const attacker = await startSmtpServer({ users: { trust: 'whatever' } });
      closers.push(attacker.close);
      const authsBefore = smtp.auths.length;
      const before = await rawRow(created.id);
      const res = await admin.put(`/smtp-accounts/accounts/${created.id}`, {
        data: change(attacker),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toMatchObject({
        code: 'PASSWORD_REQUIRED',
        field: 'password',
      });
      expect(res.body.error.message).toMatch(/Re-enter the password/);
      expect(attacker.auths).toEqual([]);
      expect(smtp.auths.length).toBe(authsBefore);
      expect(await rawRow(created.id)).toEqual(before);
    }
  );

  it('with the password re-entered the move is verified against the new server with that password', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: account() })).body.data;
    const other = await startSmtpServer({ users: { trust: ROTATED } });
    closers.push(other.close);
    const res = await admin.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { port: other.port, password: ROTATED },
    });
    expect(res.status).toBe(200);
    expect(other.authPasswords).toEqual([ROTATED]);
  });

  it('switching to authType "none" needs no password (nothing is sent), and a rename needs none either', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: account() })).body.data;
    expect(
      (await admin.put(`/smtp-accounts/accounts/${created.id}`, { data: { name: 'Renamed' } }))
        .status
    ).toBe(200);
    const open = await startSmtpServer();
    closers.push(open.close);
    const res = await admin.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { authType: 'none', port: open.port },
    });
    expect(res.status).toBe(200);
  });

  it('the test-mail action takes only a recipient: no host, port or password of the caller', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: account() })).body.data;
    for (const body of [
      { to: 'a@example.test', host: '127.0.0.1' },
      { to: 'a@example.test', port: 25 },
      { to: 'a@example.test', password: 'x' },
    ]) {
      const res = await admin.post(`/smtp-accounts/accounts/${created.id}/test`, body);
      expect(res.status).toBe(400);
    }
  });
});

describe('two updates racing each other (found in review)', () => {
  it("never leave a row with one update's server and the other's password", async () => {
    const slowOwner = await startSmtpServer({
      users: { trust: [PASSWORD, ROTATED] },
      authDelayMs: 1200,
    });
    const attacker = await startSmtpServer({ users: { trust: 'known-to-attacker' } });
    closers.push(slowOwner.close, attacker.close);
    const created = (
      await admin.post('/smtp-accounts/accounts', { data: account({ port: slowOwner.port }) })
    ).body.data;
    // the owner rotates the password (its check waits 1.2 s for the slow server)…
    const rotating = admin.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { password: ROTATED },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // …while another editor points the account at their own server, with a password of their own
    const moved = await admin.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { port: attacker.port, password: 'known-to-attacker' },
    });
    expect(moved.status).toBe(200);
    expect((await rotating).status).toBe(200);
    // the last write is a whole verified record: the owner's server with the owner's new password
    const row = await rawRow(created.id);
    expect(row.port).toBe(slowOwner.port);
    await mailer().send({
      from: `Trust <${created.email}>`,
      to: 'r@example.test',
      subject: 'after the race',
      text: 'x',
    });
    expect(attacker.received).toHaveLength(0);
    expect(attacker.authPasswords).not.toContain(ROTATED);
    expect(slowOwner.received.find((m) => m.subject === 'after the race')).toBeTruthy();
  });
});

describe('a validation error never echoes what was submitted', () => {
  it('not even in a type error message', async () => {
    for (const password of [918273645, ['Arr-Secret-77']]) {
      const res = await admin.post('/smtp-accounts/accounts', { data: { ...account(), password } });
      expect(res.status).toBe(400);
      expect(res.text).not.toContain('918273645');
      expect(res.text).not.toContain('Arr-Secret-77');
    }
  });

  it('an unknown field in a create or update answers 400 without the password anywhere', async () => {
    const created = await admin.post('/smtp-accounts/accounts', {
      data: { ...account(), evil: 'field' },
    });
    expect(created.status).toBe(400);
    expectNoSecret(created.text);
    const valid = (await admin.post('/smtp-accounts/accounts', { data: account() })).body.data;
    const updated = await admin.put(`/smtp-accounts/accounts/${valid.id}`, {
      data: { password: PASSWORD, port: 'not a number', extra: 1 },
    });
    expect(updated.status).toBe(400);
    expectNoSecret(updated.text);
  });
});

describe('errors for senders, details for admins', () => {
  it('forgot-password (anonymous) gets a generic answer; the log and the server log keep the details', async () => {
    await admin.put('/smtp-accounts/settings', { data: { fallback: 'reject' } });
    try {
      const port = await refusedPort();
      // users-permissions' reset mail comes from its template's From: an account for it that cannot connect
      await app.strapi.db.query(SMTP_ACCOUNT_UID).create({
        data: {
          ...account({ email: 'no-reply@strapi.io', name: 'Administration Panel', port }),
          active: true,
          preferForNewsletters: false,
        },
      });
      const role = await app.strapi.db
        .query('plugin::users-permissions.role')
        .findOne({ where: { type: 'authenticated' } });
      await app.strapi.db.query('plugin::users-permissions.user').create({
        data: {
          username: 'reader',
          email: 'reader@example.test',
          password: 'Reader-pw-123',
          provider: 'local',
          confirmed: true,
          role: role.id,
        },
      });
      const res = await fetch(`${app.url}/api/auth/forgot-password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'reader@example.test' }),
      });
      const text = await res.text();
      for (const internal of [
        '127.0.0.1',
        String(port),
        'ECONNREFUSED',
        'ESOCKET',
        'account #',
        'no-reply@strapi.io',
        'reject',
        'fallback',
        'connect',
      ]) {
        expect(text).not.toContain(internal);
      }
      expect(text).toMatch(/The mail could not be sent \(send-log entry #\d+\)/);
      const logId = Number(/entry #(\d+)/.exec(text)![1]);
      const entry = (
        await admin.get('/smtp-accounts/log?status=failed&pageSize=100')
      ).body.data.find((e: { id: number }) => e.id === logId);
      expect(entry.attemptLog[0]).toMatchObject({ stage: 'connect', ok: false });
      expect(
        app.logs.some(
          (line) =>
            line.includes(`send-log entry #${logId}): account #`) && line.includes('ECONNREFUSED')
        )
      ).toBe(true);
    } finally {
      await admin.put('/smtp-accounts/settings', { data: { fallback: 'provider' } });
    }
  });
});

describe('a server that echoes the password', () => {
  it('never gets it into the send log, the server log or the error — plain or base64', async () => {
    const echo = await startSmtpServer({
      users: { trust: 'not-the-stored-one' },
      echoSecrets: true,
    });
    closers.push(echo.close);
    const email = `echo-${++seq}@example.test`;
    await app.strapi.db.query(SMTP_ACCOUNT_UID).create({
      data: { ...account({ email, port: echo.port }), active: true, preferForNewsletters: false },
    });
    await admin.put('/smtp-accounts/settings', { data: { fallback: 'reject' } });
    try {
      const error = await mailer()
        .send({ from: `Echo <${email}>`, to: 'r@example.test', subject: 'echo', text: 'x' })
        .catch((e: Error) => e);
      expect(echo.authPasswords).toEqual([PASSWORD]); // the server did get it, and echoed it
      expectNoSecret(`${error.message} ${JSON.stringify(error)}`);
      const [row] = await app.strapi.db
        .connection(app.strapi.db.metadata.get(SEND_LOG_UID).tableName)
        .where({ subject: 'echo' })
        .select('*');
      expect(JSON.stringify(row)).toContain('[redacted]');
      expectNoSecret(JSON.stringify(row));
      expectNoSecret(app.logs.join('\n'));
      expectNoSecret((await admin.get('/smtp-accounts/log?pageSize=100')).text);
    } finally {
      await admin.put('/smtp-accounts/settings', { data: { fallback: 'provider' } });
    }
  });

  it('nor in the test-mail answer, when the server quotes it in its 250 reply', async () => {
    const echo = await startSmtpServer({ users: { trust: PASSWORD }, echoSecrets: true });
    closers.push(echo.close);
    const created = (
      await admin.post('/smtp-accounts/accounts', { data: account({ port: echo.port }) })
    ).body.data;
    const res = await admin.post(`/smtp-accounts/accounts/${created.id}/test`, {
      to: 'r@example.test',
    });
    expect(res.status).toBe(200);
    expect(res.body.data.response).toContain('[redacted]');
    expectNoSecret(res.text);
    // and on the send path, the 250 reply in the log
    await mailer().send({
      from: `Trust <${created.email}>`,
      to: 'r@example.test',
      subject: 'echo 250',
      text: 'x',
    });
    await sendLog().flush();
    expectNoSecret(
      (await admin.get(`/smtp-accounts/log?from=${encodeURIComponent(created.email)}`)).text
    );
  });

  it('nor during the save check or the test mail', async () => {
    const echo = await startSmtpServer({
      users: { trust: 'not-the-stored-one' },
      echoSecrets: true,
    });
    closers.push(echo.close);
    const res = await admin.post('/smtp-accounts/accounts', { data: account({ port: echo.port }) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.stage).toBe('auth');
    expectNoSecret(res.text);
  });
});

describe('resend: only what failed, once', () => {
  const failOnce = async (subject: string) => {
    const email = `resend-${++seq}@example.test`;
    const id = (
      await app.strapi.db.query(SMTP_ACCOUNT_UID).create({
        data: {
          ...account({ email, port: await refusedPort() }),
          active: true,
          preferForNewsletters: false,
        },
      })
    ).id as number;
    await admin.put('/smtp-accounts/settings', { data: { fallback: 'reject' } });
    const error = await mailer()
      .send({ from: `Resend <${email}>`, to: 'r@example.test', subject, text: 'x' })
      .catch((e: Error & { details: { logId: number } }) => e);
    await admin.put('/smtp-accounts/settings', { data: { fallback: 'provider' } });
    // the account works again
    await app.strapi.db
      .query(SMTP_ACCOUNT_UID)
      .update({ where: { id }, data: { port: smtp.port, password: PASSWORD } });
    return (error as Error & { details: { logId: number } }).details.logId;
  };

  it('refuses a delivered entry', async () => {
    const email = `sent-${++seq}@example.test`;
    await app.strapi.db
      .query(SMTP_ACCOUNT_UID)
      .create({ data: { ...account({ email }), active: true, preferForNewsletters: false } });
    await mailer().send({
      from: `Sent <${email}>`,
      to: 'r@example.test',
      subject: 'delivered once',
      text: 'x',
    });
    await sendLog().flush();
    const entry = (await admin.get(`/smtp-accounts/log?from=${encodeURIComponent(email)}`)).body
      .data[0];
    expect(entry).toMatchObject({ status: 'sent', canResend: false });
    const before = smtp.received.filter((m) => m.subject === 'delivered once').length;
    const res = await admin.post(`/smtp-accounts/log/${entry.id}/resend`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('ALREADY_SENT');
    expect(smtp.received.filter((m) => m.subject === 'delivered once').length).toBe(before);
  });

  it('resends a failed entry once, even when two admins click at the same moment; the new entry links the original', async () => {
    const logId = await failOnce('failed then resent');
    const [a, b] = await Promise.all([
      admin.post(`/smtp-accounts/log/${logId}/resend`),
      admin.post(`/smtp-accounts/log/${logId}/resend`),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 400]);
    const ok = a.status === 200 ? a : b;
    const refused = a.status === 200 ? b : a;
    expect(refused.body.error.details.code).toBe('ALREADY_RESENT');
    expect(smtp.received.filter((m) => m.subject === 'failed then resent')).toHaveLength(1);
    const again = await admin.post(`/smtp-accounts/log/${logId}/resend`);
    expect(again.status).toBe(400);
    expect(again.body.error.details.code).toBe('ALREADY_RESENT');

    const log = (await admin.get('/smtp-accounts/log?pageSize=100')).body.data;
    const original = log.find((e: { id: number }) => e.id === logId);
    const copy = log.find((e: { id: number }) => e.id === ok.body.data.logId);
    expect(original).toMatchObject({ status: 'failed', canResend: false });
    expect(original.resentAt).toEqual(expect.any(String));
    expect(copy).toMatchObject({ status: 'sent', resendOf: logId, canResend: false });
  });
});

describe('the envelope is the headers', () => {
  it("a caller's envelope or sender never adds hidden recipients or another MAIL FROM", async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: account() })).body.data;
    await mailer().send({
      from: `Trust <${created.email}>`,
      to: 'shown@example.test',
      subject: 'envelope',
      text: 'x',
      envelope: { from: 'bounce@evil.test', to: ['hidden@evil.test'] },
      sender: 'bounce@evil.test',
    });
    const mail = smtp.received.find((m) => m.subject === 'envelope')!;
    expect(mail.mailFrom).toBe(created.email);
    expect(mail.rcptTo).toEqual(['shown@example.test']);
  });
});

describe('an account whose password cannot be opened', () => {
  it('can still be deactivated or renamed (no SMTP check needs it)', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: account() })).body.data;
    const table = app.strapi.db.metadata.get(SMTP_ACCOUNT_UID).tableName;
    await app.strapi.db
      .connection(table)
      .where({ id: created.id })
      .update({ password: 'v1:AAAAAAAAAAAAAAAA:AAAA:AAAAAAAAAAAAAAAAAAAAAA' });
    const res = await admin.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { active: false, name: 'Broken' },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.active).toBe(false);
  });
});

describe('where the server may connect', () => {
  it('refuses a metadata address at save, before any connection', async () => {
    const res = await admin.post('/smtp-accounts/accounts', {
      data: account({ host: '169.254.169.254', port: 25 }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'HOST_DENIED', field: 'host' });
  });

  it('does not quote the banner of a non-SMTP service back to the admin', async () => {
    const server = net.createServer((socket) => {
      socket.on('error', () => undefined);
      socket.end('SSH-2.0-OpenSSH_9.6p1 internal-build-7731\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const res = await admin.post('/smtp-accounts/accounts', {
      data: account({ port: (server.address() as net.AddressInfo).port }),
    });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('OpenSSH');
    expect(res.text).not.toContain('internal-build');
    expect(res.body.error.message).toMatch(/did not answer as an SMTP server/);
  });
});

describe('bounded memory', () => {
  it('the send-log queue applies back-pressure while the database is busy, and loses nothing', async () => {
    await sendLog().flush();
    const before = await app.strapi.db.query(SEND_LOG_UID).count();
    const entry = {
      from: 'Bulk <bulk@example.test>',
      recipientsCount: 1,
      firstRecipient: 'r@example.test',
      subject: 'bulk',
      newsletter: true,
      accountId: null,
      accountEmail: null,
      rule: 'fallback',
      status: 'fallback',
      attempts: 1,
      attemptLog: [],
      response: null,
      errorCode: null,
      durationMs: 1,
      resendOf: null,
      resentAt: null,
    };
    let release!: () => void;
    const busy = new Promise<void>((resolve) => (release = resolve));
    // hold the database while the queue fills: SQLite's one connection, or a lock on the log table
    const table = app.strapi.db.metadata.get(SEND_LOG_UID).tableName;
    const client = app.strapi.db.dialect.client;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = app.strapi.db.transaction(async ({ trx }) => {
      if (client === 'postgres') await trx.raw(`LOCK TABLE ?? IN ACCESS EXCLUSIVE MODE`, [table]);
      else if (client === 'mysql') await trx(table).select('id').forUpdate();
      else await trx(table).select('id').limit(1);
      locked();
      await busy;
    });
    await isLocked;
    const total = 8000;
    let produced = 0;
    // a campaign loop that awaits each send: it must stall at the bound, not pile rows up in memory
    const producer = (async () => {
      for (let i = 0; i < total; i++) {
        await sendLog().record({ ...entry, subject: `bulk ${i}` });
        produced += 1;
      }
    })();
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(produced).toBeLessThan(5000);
      expect(sendLog().pending()).toBeLessThanOrEqual(5000);
    } finally {
      release();
      await holding;
    }
    await producer;
    expect(produced).toBe(total);
    await sendLog().flush();
    expect(sendLog().pending()).toBe(0);
    expect(await app.strapi.db.query(SEND_LOG_UID).count()).toBe(before + total);
  });
});

describe('edits never fail or misroute mail', () => {
  it('a rename or a toggle keeps the pool: no new login', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: account() })).body.data;
    const from = `Trust <${created.email}>`;
    await mailer().send({ from, to: 'warm@example.test', subject: 'warm-up', text: 'x' });
    const logins = smtp.auths.length;
    expect(
      (
        await admin.put(`/smtp-accounts/accounts/${created.id}`, {
          data: { name: 'Trust renamed', preferForNewsletters: true },
        })
      ).status
    ).toBe(200);
    await mailer().send({ from, to: 'after@example.test', subject: 'after rename', text: 'x' });
    expect(smtp.auths.length).toBe(logins);
  });

  it('a password change while mail is queued in the pool: the queued mail still goes out, the next mail logs in anew', async () => {
    const slow = await startSmtpServer({ users: { trust: [PASSWORD, ROTATED] }, dataDelayMs: 150 });
    closers.push(slow.close);
    const created = (
      await admin.post('/smtp-accounts/accounts', { data: account({ port: slow.port }) })
    ).body.data;
    const from = `Trust <${created.email}>`;
    // 5 connections, 150 ms a message: 40 mails keep the pool's queue full for more than a second
    const burst = Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        mailer().send({ from, to: `r${i}@example.test`, subject: 'during rotation', text: 'x' })
      )
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      (await admin.put(`/smtp-accounts/accounts/${created.id}`, { data: { password: ROTATED } }))
        .status
    ).toBe(200);
    await mailer().send({ from, to: 'next@example.test', subject: 'after rotation', text: 'x' });
    const results = await burst;
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(slow.received.filter((m) => m.subject === 'during rotation')).toHaveLength(40);
    expect(slow.authPasswords[slow.authPasswords.length - 1]).toBe(ROTATED);
    await sendLog().flush();
    const failed = (
      await admin.get(`/smtp-accounts/log?status=failed&from=${encodeURIComponent(created.email)}`)
    ).body.data;
    expect(failed).toEqual([]);
  });
});
