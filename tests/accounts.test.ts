/**
 * Foundation: SMTP accounts are verified on save against a real SMTP server, stored with an
 * encrypted password, never shown again, and guarded by RBAC. Real Strapi, real smtp-server.
 */
import { SMTP_ACCOUNT_UID } from '../server/src/accounts';
import { isSealed } from '../server/src/crypto/secret-box';
import { openSecret } from './helpers/secrets';
import { AdminClient, createEditorAdmin, registerSuperAdmin } from './helpers/admin-client';
import { makeCertificate, type TestCertificate } from './helpers/certificate';
import {
  refusedPort,
  startSilentServer,
  startSmtpServer,
  type TestSmtpServer,
} from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

const PASSWORD = 'alice-S3cret-Pa55word';
const WRONG_PASSWORD = 'wrong-Pa55word-for-alice';

let app: TestApp;
let admin: AdminClient;
let cert: TestCertificate;
let smtp: TestSmtpServer;
let seq = 0;
const timings: Record<string, number> = {};

const account = (overrides: Record<string, unknown> = {}) => ({
  name: 'Team',
  email: `team-${++seq}@example.test`,
  host: '127.0.0.1',
  port: smtp.port,
  security: 'none',
  authType: 'plain',
  username: 'alice',
  password: PASSWORD,
  ...overrides,
});

const rowCount = () => app.strapi.db.query(SMTP_ACCOUNT_UID).count();
/** The stored row, without the domain check (written in the background after every save). */
const rawRow = async (id: number) => {
  const found = await app.strapi.db.query(SMTP_ACCOUNT_UID).findOne({ where: { id } });
  if (!found) return found;
  const { domainCheck: _check, ...row } = found;
  return row;
};

beforeAll(async () => {
  cert = await makeCertificate();
  smtp = await startSmtpServer({
    users: { alice: PASSWORD },
    rejectSenders: ['not-mine@example.test'],
    rejectRecipients: ['bounce@example.test'],
  });
  app = await startStrapi({ SMTP_ACCOUNTS_TLS_CA_FILE: cert.caFile });
  admin = await registerSuperAdmin(app.url);
  const settings = await admin.put('/smtp-accounts/settings', { data: { verifyTimeoutMs: 3000 } });
  expect(settings.status).toBe(200);
});

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
  console.log(`verification timings (ms): ${JSON.stringify(timings)}`);
});

describe('create', () => {
  it('verifies, stores the password encrypted and never returns it', async () => {
    const input = account();
    const started = Date.now();
    const res = await admin.post('/smtp-accounts/accounts', { data: input });
    timings.success = Date.now() - started;

    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      email: input.email,
      host: '127.0.0.1',
      hasPassword: true,
      active: true,
      preferForNewsletters: false,
    });
    expect(res.body.data).not.toHaveProperty('password');
    expect(res.text).not.toContain(PASSWORD);

    // the server saw a login as alice and a MAIL FROM of the account's address, but no message
    expect(smtp.auths).toContainEqual({ user: 'alice', method: 'PLAIN', ok: true });
    expect(smtp.mailFroms).toContain(input.email);
    expect(smtp.received).toHaveLength(0);

    const row = await rawRow(res.body.data.id);
    expect(isSealed(row.password)).toBe(true);
    expect(row.password).not.toContain(PASSWORD);
    expect(openSecret(row)).toBe(PASSWORD);

    for (const path of ['/smtp-accounts/accounts', `/smtp-accounts/accounts/${res.body.data.id}`]) {
      const read = await admin.get(path);
      expect(read.status).toBe(200);
      expect(read.text).not.toContain(PASSWORD);
      expect(read.text).not.toContain(row.password);
      expect(read.text).toContain('"hasPassword":true');
    }
  });

  it('works over STARTTLS and implicit TLS with the configured CA, and with LOGIN and CRAM-MD5', async () => {
    const starttls = await startSmtpServer({
      users: { alice: PASSWORD },
      tls: 'starttls',
      certificate: cert,
    });
    const ssl = await startSmtpServer({
      users: { alice: PASSWORD },
      tls: 'ssl',
      certificate: cert,
    });
    try {
      for (const [server, security, authType] of [
        [starttls, 'starttls', 'login'],
        [ssl, 'ssl', 'plain'],
        [starttls, 'starttls', 'cram-md5'],
      ] as const) {
        const res = await admin.post('/smtp-accounts/accounts', {
          data: account({ port: server.port, security, authType }),
        });
        expect(res.status).toBe(201);
        expect(server.auths.at(-1)).toEqual({
          user: 'alice',
          method: authType.toUpperCase(),
          ok: true,
        });
      }
    } finally {
      await starttls.close();
      await ssl.close();
    }
  });
});

describe('a failing account is refused with its stage and the server reply, and nothing is saved', () => {
  const expectRefused = async (
    input: Record<string, unknown>,
    stage: string,
    pattern: RegExp,
    label: string
  ) => {
    const before = await rowCount();
    const started = Date.now();
    const res = await admin.post('/smtp-accounts/accounts', { data: input });
    timings[label] = Date.now() - started;
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ stage });
    expect(res.body.error.message).toMatch(pattern);
    expect(res.text).not.toContain(PASSWORD);
    expect(res.text).not.toContain(WRONG_PASSWORD);
    expect(await rowCount()).toBe(before);
    return timings[label];
  };

  it('connection refused, in under a second', async () => {
    const elapsed = await expectRefused(
      account({ port: await refusedPort() }),
      'connect',
      /connecting.*ECONNREFUSED/,
      'refusedPort'
    );
    expect(elapsed).toBeLessThan(1000);
  });

  it('wrong password: authentication, with the 535 reply', async () => {
    await expectRefused(
      account({ password: WRONG_PASSWORD }),
      'auth',
      /authentication.*535/,
      'wrongPassword'
    );
  });

  it('TLS expected but the server speaks plain text', async () => {
    await expectRefused(account({ security: 'ssl' }), 'tls', /TLS/, 'sslAgainstPlain');
  });

  it('STARTTLS required but the server does not offer it', async () => {
    await expectRefused(
      account({ security: 'starttls' }),
      'tls',
      /STARTTLS|TLS/,
      'starttlsNotOffered'
    );
  });

  it('a server that never answers: timed out within the verification timeout', async () => {
    const silent = await startSilentServer();
    try {
      const elapsed = await expectRefused(
        account({ port: silent.port }),
        'timeout',
        /timed out/,
        'silentServer'
      );
      expect(elapsed).toBeLessThan(3000 + 1500);
    } finally {
      await silent.close();
    }
  });

  it('the server refuses the account address as sender (MAIL FROM)', async () => {
    await expectRefused(
      account({ email: 'not-mine@example.test' }),
      'sender',
      /MAIL FROM.*550/,
      'senderRejected'
    );
  });
});

describe('test message on save', () => {
  afterEach(async () => {
    await admin.put('/smtp-accounts/settings', {
      data: { testEmailOnSave: false, testEmailRecipient: '' },
    });
  });

  it('is sent to the configured recipient when switched on, and not when off', async () => {
    const before = smtp.received.length;
    expect((await admin.post('/smtp-accounts/accounts', { data: account() })).status).toBe(201);
    expect(smtp.received.length).toBe(before);

    await admin.put('/smtp-accounts/settings', {
      data: { testEmailOnSave: true, testEmailRecipient: 'ops@example.test' },
    });
    const input = account({ name: 'Ops sender' });
    expect((await admin.post('/smtp-accounts/accounts', { data: input })).status).toBe(201);
    const mail = smtp.received.at(-1)!;
    expect(mail.rcptTo).toEqual(['ops@example.test']);
    expect(mail.user).toBe('alice');
    expect(mail.from).toBe(`Ops sender <${input.email}>`);
  });

  it('goes to the saving admin when no recipient is set', async () => {
    await admin.put('/smtp-accounts/settings', { data: { testEmailOnSave: true } });
    expect((await admin.post('/smtp-accounts/accounts', { data: account() })).status).toBe(201);
    expect(smtp.received.at(-1)!.rcptTo).toEqual(['super@admin.test']);
  });

  it('refuses the save, naming the recipient stage, when the test message is rejected', async () => {
    await admin.put('/smtp-accounts/settings', {
      data: { testEmailOnSave: true, testEmailRecipient: 'bounce@example.test' },
    });
    const before = await rowCount();
    const res = await admin.post('/smtp-accounts/accounts', { data: account() });
    expect(res.status).toBe(400);
    expect(res.body.error.details.stage).toBe('recipient');
    expect(res.body.error.message).toMatch(/550.*test message to bounce@example.test/);
    expect(await rowCount()).toBe(before);
  });
});

describe('update', () => {
  it('keeps the stored password when none is given, but never sends it to a server the update names', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: account() })).body.data;
    const second = await startSmtpServer({ users: { alice: PASSWORD } });
    try {
      const refused = await admin.put(`/smtp-accounts/accounts/${created.id}`, {
        data: { port: second.port, password: '' },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toMatchObject({
        code: 'PASSWORD_REQUIRED',
        field: 'password',
      });
      expect(second.auths).toEqual([]);
      expect((await rawRow(created.id)).port).toBe(smtp.port);
      const moved = await admin.put(`/smtp-accounts/accounts/${created.id}`, {
        data: { port: second.port, password: PASSWORD },
      });
      expect(moved.status).toBe(200);
      expect(moved.body.data.port).toBe(second.port);
      expect(second.auths).toEqual([{ user: 'alice', method: 'PLAIN', ok: true }]);
      expect(second.authPasswords).toEqual([PASSWORD]);
      const row = await rawRow(created.id);
      expect(openSecret(row)).toBe(PASSWORD);
    } finally {
      await second.close();
    }
  });

  it('refuses a wrong new password and leaves the row as it was', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: account() })).body.data;
    const before = await rawRow(created.id);
    const res = await admin.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { password: WRONG_PASSWORD },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.stage).toBe('auth');
    expect(await rawRow(created.id)).toEqual(before);
  });

  it('stores name/active/newsletter changes without contacting the server', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: account() })).body.data;
    const contacts = smtp.mailFroms.length;
    const res = await admin.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { active: false, name: 'Renamed', preferForNewsletters: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      active: false,
      name: 'Renamed',
      preferForNewsletters: true,
      hasPassword: true,
    });
    expect(smtp.mailFroms.length).toBe(contacts);
  });

  it('answers 404 for an unknown id', async () => {
    expect(
      (await admin.put('/smtp-accounts/accounts/999999', { data: { name: 'x' } })).status
    ).toBe(404);
    expect((await admin.get('/smtp-accounts/accounts/999999')).status).toBe(404);
  });
});

describe('delete', () => {
  it('removes the row', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: account() })).body.data;
    const res = await admin.del(`/smtp-accounts/accounts/${created.id}`);
    expect(res.status).toBe(200);
    expect(await rawRow(created.id)).toBeNull();
  });
});

describe('permissions', () => {
  it('answers 403 on every route to a role without the plugin actions', async () => {
    const editor = await createEditorAdmin(app.strapi, app.url);
    const routes: [string, string, unknown?][] = [
      ['GET', '/smtp-accounts/accounts'],
      ['GET', '/smtp-accounts/accounts/1'],
      ['POST', '/smtp-accounts/accounts', { data: account() }],
      ['PUT', '/smtp-accounts/accounts/1', { data: { name: 'x' } }],
      ['DELETE', '/smtp-accounts/accounts/1'],
      ['POST', '/smtp-accounts/resolve', { from: 'a@b.test' }],
      ['GET', '/smtp-accounts/settings'],
      ['PUT', '/smtp-accounts/settings', { data: { enabled: true } }],
    ];
    const before = await rowCount();
    for (const [method, path, body] of routes) {
      const res = await editor.request(method, path, body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
    }
    expect(await rowCount()).toBe(before);
    const anonymous = await fetch(`${app.url}/smtp-accounts/accounts`);
    expect(anonymous.status).toBe(401);
  });
});

describe('bad input: 400 naming the field, nothing saved, the server never contacted', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['invalid email', { email: 'not-an-email' }, /email must be a valid email/],
    ['missing email', { email: undefined }, /email is required/],
    ['CR/LF in email', { email: 'a@b.test\r\nBcc: x@y.test' }, /email/],
    [
      'CR/LF in name',
      { name: 'Team\r\nBcc: victim@example.test' },
      /name must not contain line breaks/,
    ],
    ['control char in name', { name: 'Team\u0007' }, /name must not contain/],
    ['CR/LF in host', { host: '127.0.0.1\r\nRSET' }, /host/],
    ['CR/LF in username', { username: 'alice\nMAIL FROM:<x@y>' }, /username must not contain/],
    ['port 0', { port: 0 }, /port must be between 1 and 65535/],
    ['port 65536', { port: 65536 }, /port must be between 1 and 65535/],
    ['port as a string', { port: '587' }, /port/],
    ['fractional port', { port: 25.5 }, /port must be a whole number/],
    ['unknown security', { security: 'tls13' }, /security must be one of: none, ssl, starttls/],
    ['unknown authType', { authType: 'oauth' }, /authType must be one of/],
    ['over-long name', { name: 'n'.repeat(201) }, /name must be at most 200 characters/],
    ['over-long host', { host: 'h'.repeat(254) }, /host must be at most 253 characters/],
    [
      'over-long password',
      { password: 'p'.repeat(1025) },
      /password must be at most 1024 characters/,
    ],
    ['active as a string', { active: 'yes' }, /active/],
    ['preferForNewsletters as a number', { preferForNewsletters: 1 }, /preferForNewsletters/],
    ['unknown field', { smtpSecret: 'x' }, /unknown field/],
    ['host with a space', { host: 'smtp example.test' }, /host must be a host name/],
    ['missing username with auth', { username: '' }, /username is required/],
    ['missing password with auth', { password: undefined }, /password is required/],
    ['email as a number', { email: 42 }, /email/],
  ];

  it.each(cases)('%s', async (_label, overrides, message) => {
    const before = await rowCount();
    const contacts = smtp.mailFroms.length + smtp.auths.length;
    const res = await admin.post('/smtp-accounts/accounts', { data: account(overrides) });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.message).toMatch(message);
    expect(await rowCount()).toBe(before);
    expect(smtp.mailFroms.length + smtp.auths.length).toBe(contacts);
  });

  it('a body without data, and bad settings, are 400s too', async () => {
    expect((await admin.post('/smtp-accounts/accounts', {})).status).toBe(400);
    for (const data of [
      { verifyTimeoutMs: 10 },
      { fallback: 'drop' },
      { testEmailRecipient: 'nope' },
      { enabled: 'on' },
      { other: 1 },
    ]) {
      const res = await admin.put('/smtp-accounts/settings', { data });
      expect(res.status).toBe(400);
    }
  });
});

describe('secrets', () => {
  it('never appear in any log line', () => {
    const all = app.logs.join('\n');
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(WRONG_PASSWORD);
  });
});
