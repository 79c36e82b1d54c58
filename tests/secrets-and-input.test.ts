/**
 * Bad input to the send API is refused before anything is sent or logged; passwords never leak;
 * a tampered ciphertext is a clear error; the rekey command re-encrypts every password.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { SEND_LOG_UID } from '../shared/constants';
import { SMTP_ACCOUNT_UID } from '../server/src/accounts';
import { openSecret, sealSecret } from './helpers/secrets';
import { AdminClient, registerSuperAdmin } from './helpers/admin-client';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { PLAYGROUND, startStrapi, type TestApp } from './helpers/strapi';

const PASSWORD = 'input-Secret-Pa55';
let app: TestApp;
let admin: AdminClient;
let smtp: TestSmtpServer;
let accountId: number;

beforeAll(async () => {
  smtp = await startSmtpServer({ users: { input: PASSWORD, 'stock-provider': 'stock-provider' } });
  app = await startStrapi({ STOCK_SMTP_PORT: String(smtp.port) });
  admin = await registerSuperAdmin(app.url);
  await admin.put('/smtp-accounts/settings', { data: { enabled: true, fallback: 'reject' } });
  const res = await admin.post('/smtp-accounts/accounts', {
    data: {
      name: 'Input',
      email: 'input@example.test',
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      authType: 'plain',
      username: 'input',
      password: PASSWORD,
    },
  });
  expect(res.status).toBe(201);
  accountId = res.body.data.id;
});

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

const ok = {
  from: 'Input <input@example.test>',
  to: 'reader@example.test',
  subject: 'fine',
  text: 'x',
};

describe('the send API refuses bad mail before anything is sent or logged', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      'CR/LF header injection in the subject',
      { subject: 'Hi\r\nBcc: victim@example.test' },
      /subject must not contain line breaks/,
    ],
    ['LF in the subject', { subject: 'Hi\nX-Evil: 1' }, /subject must not contain line breaks/],
    [
      'CR/LF in the From name',
      { from: '"Input\r\nBcc: v@example.test" <input@example.test>' },
      /from must not contain line breaks/,
    ],
    ['From object without an address', { from: { name: 'Input' } }, /from must be an address/],
    [
      'CR/LF in to',
      { to: 'reader@example.test\r\nBcc: victim@example.test' },
      /to must not contain line breaks/,
    ],
    [
      'CR/LF in replyTo',
      { replyTo: 'a@example.test\r\nBcc: v@example.test' },
      /replyTo must not contain line breaks/,
    ],
    ['malformed From', { from: 'not an address' }, /not a single valid sender/],
    [
      'two addresses in From',
      { from: 'a@example.test, b@example.test' },
      /not a single valid sender/,
    ],
    ['empty angle brackets', { from: 'Input <>' }, /not a single valid sender/],
    ['no recipient', { to: undefined }, /no recipient/],
    ['to is a number', { to: 42 }, /to must be an address/],
    ['subject is an object', { subject: { a: 1 } }, /subject must be a string/],
    ['text is a number', { text: 12 }, /text must be a string/],
    ['newsletter is a string', { newsletter: 'yes' }, /newsletter must be true or false/],
    [
      'huge From',
      { from: `${'x'.repeat(100000)}@example.test` },
      /from is longer than 998 characters/,
    ],
    [
      'huge From name',
      { from: `"${'N'.repeat(100000)}" <input@example.test>` },
      /from is longer than 998 characters/,
    ],
  ];

  it.each(cases)('%s', async (_label, overrides, message) => {
    const received = smtp.received.length;
    await app.strapi.plugin('smtp-accounts').service('sendLog').flush();
    const logged = await app.strapi.db.query(SEND_LOG_UID).count();
    await expect(
      app.strapi
        .plugin('email')
        .service('email')
        .send({ ...ok, ...overrides })
    ).rejects.toThrow(message);
    await app.strapi.plugin('smtp-accounts').service('sendLog').flush();
    expect(smtp.received.length).toBe(received);
    expect(await app.strapi.db.query(SEND_LOG_UID).count()).toBe(logged);
  });

  it('a good mail still goes through', async () => {
    await app.strapi.plugin('email').service('email').send(ok);
    expect(smtp.received[smtp.received.length - 1].user).toBe('input');
  });

  it('the admin API answers 400 for bad preview and test-mail bodies', async () => {
    for (const body of [
      {},
      { from: '' },
      { from: 'a@b.test', newsletter: 'yes' },
      { from: 'a@b.test', extra: 1 },
    ]) {
      expect((await admin.post('/smtp-accounts/resolve', body)).status).toBe(400);
    }
    for (const body of [
      {},
      { to: 'nope' },
      { to: 'a@b.test\r\nBcc: c@d.test' },
      { to: 'a@b.test', cc: 'x' },
    ]) {
      expect((await admin.post(`/smtp-accounts/accounts/${accountId}/test`, body)).status).toBe(
        400
      );
    }
  });
});

describe('a tampered ciphertext', () => {
  it('is a clear error for sends, the test mail and updates — never a 500, never the password', async () => {
    const table = app.strapi.db.metadata.get(SMTP_ACCOUNT_UID).tableName;
    const [row] = await app.strapi.db.connection(table).where({ id: accountId }).select('password');
    const [v, iv, body, tag] = String(row.password).split(':');
    const tampered = [v, iv, (body[0] === 'A' ? 'B' : 'A') + body.slice(1), tag].join(':');
    await app.strapi.db.connection(table).where({ id: accountId }).update({ password: tampered });
    app.strapi.plugin('smtp-accounts').service('accountIndex').close();

    const error = await app.strapi
      .plugin('email')
      .service('email')
      .send({ ...ok, subject: 'tampered' })
      .catch((e: Error) => e);
    // the account takes no part in routing (fallback "reject" here): the sender learns only the log entry; the log says why
    expect(error.message).toMatch(/^The mail could not be sent \(send-log entry #\d+\)\.$/);
    expect(
      app.logs.some((line) => line.includes('EDECRYPT') && line.includes('cannot be decrypted'))
    ).toBe(true);
    const test = await admin.post(`/smtp-accounts/accounts/${accountId}/test`, {
      to: 'reader@example.test',
    });
    expect(test.status).toBe(400);
    expect(test.body.error.message).toMatch(/cannot be decrypted/);
    const update = await admin.put(`/smtp-accounts/accounts/${accountId}`, {
      data: { port: smtp.port, host: 'localhost' },
    });
    expect(update.status).toBe(400);
    expect(update.body.error.details.code).toBe('EDECRYPT');
    // re-entering the password repairs it
    const repaired = await admin.put(`/smtp-accounts/accounts/${accountId}`, {
      data: { password: PASSWORD },
    });
    expect(repaired.status).toBe(200);
    for (const text of [error.message, test.text, update.text, repaired.text])
      expect(text).not.toContain(PASSWORD);
  });
});

/** An OAuth2 account's row as another app (another key) or this one left it: written straight to the table. */
const insertOAuthRow = async (email: string, key: string) => {
  const meta = app.strapi.db.metadata.get(SMTP_ACCOUNT_UID);
  const col = (name: string) =>
    (meta.attributes as Record<string, { columnName?: string }>)[name]?.columnName ?? name;
  const now = new Date();
  const destination = {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    authType: 'oauth2',
    username: email,
    oauthProvider: 'generic',
    oauthClientId: 'client',
  };
  await app.strapi.db.connection(meta.tableName).insert({
    [col('documentId')]: `oauth${Date.now()}${Math.random().toString(36).slice(2, 8)}`,
    [col('name')]: 'OAuth',
    [col('email')]: email,
    [col('host')]: '127.0.0.1',
    [col('port')]: smtp.port,
    [col('security')]: 'none',
    [col('authType')]: 'oauth2',
    [col('username')]: email,
    [col('active')]: true,
    [col('preferForNewsletters')]: false,
    [col('oauthProvider')]: 'generic',
    [col('oauthClientId')]: 'client',
    [col('oauthClientSecret')]: sealSecret(
      'client-Secret-xyz',
      destination,
      'oauthClientSecret',
      key
    ),
    [col('oauthRefreshToken')]: sealSecret(
      'refresh-Token-xyz',
      destination,
      'oauthRefreshToken',
      key
    ),
    [col('oauthStatus')]: 'connected',
    [col('createdAt')]: now,
    [col('updatedAt')]: now,
  });
  const row = await app.strapi.db.query(SMTP_ACCOUNT_UID).findOne({ where: { email } });
  return row.id as number;
};

describe('OAuth2 secrets sealed with another key', () => {
  it('flag the account unreadable, and keep it out of routing', async () => {
    const id = await insertOAuthRow('oauth-foreign@example.test', 'the key of another app');
    try {
      const res = await admin.get(`/smtp-accounts/accounts/${id}`);
      expect(res.body.data).toMatchObject({
        authType: 'oauth2',
        oauthStatus: 'connected',
        passwordState: 'unreadable',
      });
      const unreadable = await app.strapi
        .plugin('smtp-accounts')
        .service('secrets')
        .findUnreadable();
      expect(unreadable.map((row: { id: number }) => row.id)).toContain(id);
      app.strapi.plugin('smtp-accounts').service('accountIndex').invalidate();
      const preview = await admin.post('/smtp-accounts/resolve', {
        from: 'OAuth <oauth-foreign@example.test>',
        newsletter: false,
      });
      expect(preview.status).toBe(200);
      expect(preview.body.data).toMatchObject({ account: null, rule: 'reject' });
    } finally {
      await app.strapi.db.query(SMTP_ACCOUNT_UID).delete({ where: { id } });
    }
  });
});

describe('rekey command', () => {
  it('re-encrypts every secret with the new key: passwords, OAuth2 client secrets and tokens (run in the app folder, keys from the environment)', async () => {
    const oldKey = process.env.SMTP_ACCOUNTS_ENCRYPTION_KEY!;
    const oauthId = await insertOAuthRow('oauth-rekey@example.test', oldKey);
    const newKey = 'a brand new key text';
    const run = () =>
      spawnSync(process.execPath, [path.resolve(__dirname, '..', 'bin', 'rekey.js')], {
        cwd: PLAYGROUND,
        env: { ...process.env, SMTP_ACCOUNTS_OLD_KEY: oldKey, SMTP_ACCOUNTS_NEW_KEY: newKey },
        encoding: 'utf8',
      });
    const first = run();
    expect(first.stdout).toMatch(/3 secret\(s\) re-encrypted, 0 already on the new key/);
    expect(first.status).toBe(0);
    expect(run().stdout).toMatch(/0 secret\(s\) re-encrypted, 3 already on the new key/);
    for (const output of [first.stdout, first.stderr])
      expect(output).not.toMatch(new RegExp(`${PASSWORD}|client-Secret-xyz|refresh-Token-xyz`));
    const row = await app.strapi.db.query(SMTP_ACCOUNT_UID).findOne({ where: { id: accountId } });
    expect(openSecret(row, 'password', newKey)).toBe(PASSWORD);
    expect(() => openSecret(row, 'password', oldKey)).toThrow();
    const oauth = await app.strapi.db.query(SMTP_ACCOUNT_UID).findOne({ where: { id: oauthId } });
    expect(openSecret(oauth, 'oauthClientSecret', newKey)).toBe('client-Secret-xyz');
    expect(openSecret(oauth, 'oauthRefreshToken', newKey)).toBe('refresh-Token-xyz');
  });
});

describe('secrets', () => {
  it('never appear in any log line of this app', () => {
    expect(app.logs.join('\n')).not.toContain(PASSWORD);
  });
});
