/**
 * Every validation error of the admin API carries a stable `details.code`, the field and its params,
 * and never echoes what was submitted (issue #8: an unknown field used to send the whole body back,
 * password included). Real Strapi, real SMTP server.
 */
import { AdminClient, registerSuperAdmin } from './helpers/admin-client';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

const PASSWORD = 'codes-Secret-Pa55-7d1f';
let app: TestApp;
let admin: AdminClient;
let smtp: TestSmtpServer;

const account = (overrides: Record<string, unknown> = {}) => ({
  name: 'Codes',
  email: 'codes@example.test',
  host: '127.0.0.1',
  // the table of cases is built before beforeAll: validation fails before any connection anyway
  port: smtp ? smtp.port : 2525,
  security: 'none',
  authType: 'plain',
  username: 'codes',
  password: PASSWORD,
  ...overrides,
});

beforeAll(async () => {
  smtp = await startSmtpServer({ users: { codes: PASSWORD } });
  app = await startStrapi();
  admin = await registerSuperAdmin(app.url);
});

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

describe('a validation error never echoes the submitted values', () => {
  it('an unknown field next to a password: 400 UNKNOWN_FIELD, the password nowhere in the answer', async () => {
    const res = await admin.post('/smtp-accounts/accounts', { data: account({ evil: 'x' }) });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(PASSWORD);
    expect(res.text).not.toContain('"value"');
    expect(res.body.error.details).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'evil', params: { fields: ['evil'] } });
  });

  it('a password of the wrong type is not printed back either', async () => {
    const res = await admin.post('/smtp-accounts/accounts', { data: account({ password: 987654321123 }) });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('987654321123');
    expect(res.body.error.details).toMatchObject({ code: 'INVALID_TYPE', field: 'password', params: { type: 'string' } });
  });

  it('an over-long password is refused without being echoed', async () => {
    const long = `${PASSWORD}${'y'.repeat(1100)}`;
    const res = await admin.post('/smtp-accounts/accounts', { data: account({ password: long }) });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(PASSWORD);
    expect(res.body.error.details).toMatchObject({ code: 'TOO_LONG', field: 'password', params: { max: 1024 } });
  });
});

describe('codes, fields and params', () => {
  const cases: [string, string, string, unknown, Record<string, unknown>][] = [
    ['missing email', 'POST', '/smtp-accounts/accounts', { data: account({ email: undefined }) }, { code: 'REQUIRED', field: 'email' }],
    ['bad email', 'POST', '/smtp-accounts/accounts', { data: account({ email: 'nope' }) }, { code: 'INVALID_EMAIL', field: 'email' }],
    ['long name', 'POST', '/smtp-accounts/accounts', { data: account({ name: 'n'.repeat(300) }) }, { code: 'TOO_LONG', field: 'name', params: { max: 200 } }],
    ['bad host', 'POST', '/smtp-accounts/accounts', { data: account({ host: 'bad host!' }) }, { code: 'INVALID_HOST', field: 'host' }],
    ['port out of range', 'POST', '/smtp-accounts/accounts', { data: account({ port: 70000 }) }, { code: 'OUT_OF_RANGE', field: 'port', params: { min: 1, max: 65535 } }],
    ['port as text', 'POST', '/smtp-accounts/accounts', { data: account({ port: '587' }) }, { code: 'INVALID_TYPE', field: 'port' }],
    ['unknown security', 'POST', '/smtp-accounts/accounts', { data: account({ security: 'tls13' }) }, { code: 'NOT_ONE_OF', field: 'security', params: { values: ['none', 'ssl', 'starttls'] } }],
    ['line break in name', 'POST', '/smtp-accounts/accounts', { data: account({ name: 'a\r\nBcc: x' }) }, { code: 'CONTROL_CHARS', field: 'name' }],
    ['settings: timeout out of range', 'PUT', '/smtp-accounts/settings', { data: { verifyTimeoutMs: 5 } }, { code: 'OUT_OF_RANGE', field: 'verifyTimeoutMs', params: { min: 1000, max: 60000 } }],
    ['settings: unknown', 'PUT', '/smtp-accounts/settings', { data: { colour: 'red' } }, { code: 'UNKNOWN_FIELD', field: 'colour' }],
    ['settings: fallback', 'PUT', '/smtp-accounts/settings', { data: { fallback: 'drop' } }, { code: 'NOT_ONE_OF', field: 'fallback' }],
    ['resolve: no from', 'POST', '/smtp-accounts/resolve', {}, { code: 'REQUIRED', field: 'from' }],
    ['resolve: newsletter as text', 'POST', '/smtp-accounts/resolve', { from: 'a@b.test', newsletter: 'yes' }, { code: 'INVALID_TYPE', field: 'newsletter' }],
    ['log: bad status', 'GET', '/smtp-accounts/log?status=lost', undefined, { code: 'NOT_ONE_OF', field: 'status' }],
    ['log: bad date', 'GET', '/smtp-accounts/log?since=yesterday', undefined, { code: 'INVALID_DATE', field: 'since' }],
    ['log: bad account', 'GET', '/smtp-accounts/log?accountId=abc', undefined, { code: 'NOT_INTEGER', field: 'accountId' }],
  ];

  it.each(cases)('%s', async (_label, method, path, body, expected) => {
    const res = await admin.request(method, path, body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.details).toMatchObject(expected);
    expect(res.body.error.details.errors[0]).toMatchObject(expected);
    expect(res.body.error.message).toEqual(expect.any(String));
  });

  it('several problems: one entry each, the message lists them all', async () => {
    const res = await admin.post('/smtp-accounts/accounts', { data: account({ email: 'nope', port: 0 }) });
    expect(res.status).toBe(400);
    const codes = res.body.error.details.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    expect(codes).toEqual(expect.arrayContaining(['email:INVALID_EMAIL', 'port:OUT_OF_RANGE']));
    expect(res.body.error.message).toMatch(/email.*; .*port|port.*; .*email/);
  });

  it('the test mail: a bad recipient is INVALID_EMAIL on field "to"', async () => {
    const created = await admin.post('/smtp-accounts/accounts', { data: account() });
    expect(created.status).toBe(201);
    const res = await admin.post(`/smtp-accounts/accounts/${created.body.data.id}/test`, { to: 'not-an-address' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'INVALID_EMAIL', field: 'to' });
  });

  it('a good log query still answers', async () => {
    expect((await admin.get('/smtp-accounts/log?status=sent&page=1&pageSize=10')).status).toBe(200);
  });
});
