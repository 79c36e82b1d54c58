/**
 * Accounts have one owner and every credential works only at the destination it was verified for
 * (issue 17). Each finding of the second trust round has a test here that failed before:
 *  1. an editor's port change + test mail sent a connected account's access token to the editor's server;
 *  2. an authType round trip (none → oauth2) sent the stored client secret to the editor's token endpoint;
 *  3. moving an OAuth2 account's SMTP host needed no secret (the next Connect's token went there);
 *  4. a sealed value (`v…:…`) posted as a password was a decryption oracle;
 *  5. the Content Manager served the hidden types (sealed secrets, kept bodies, queued mail);
 *  6. pooled connections signed in with older tokens leaked them through a server's echo;
 *  7. `headers: { Bcc }` added a recipient the send log never saw;
 *  8. a trickling server held a test mail or a send past every timeout; a huge token answer was read whole;
 *  10. (smaller) http redirect URIs, Connect states never removed, `/api/email` through any account,
 *      CR/LF in recipient objects, the health vocabulary, 404s without a code.
 * (9, DNS rebinding of the token URL, is a unit test: server/src/oauth/token-client.test.ts.)
 * And the design's promise: the connection module, asked for another destination, fails — no login.
 * Real Strapi, real smtp-server instances, a real OAuth2 server, all on 127.0.0.1.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PERMISSIONS } from '../shared/constants';
import { SMTP_ACCOUNT_UID } from '../server/src/accounts';
import type { Connections } from '../server/src/accounts';
import { AdminClient, registerSuperAdmin } from './helpers/admin-client';
import { approveConsent, startOAuthServer, type TestOAuthServer } from './helpers/oauth-server';
import { createAdminWithActions } from './helpers/roles';
import { legacySeal, openSecret } from './helpers/secrets';
import { startSmtpServer, startTricklingServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

const PASSWORD = 'Owner-Secret-pa55';
const TOKEN_LIFETIME_S = 2;
let app: TestApp;
let admin: AdminClient;
let editor: AdminClient;
let owner: TestSmtpServer;
let oauth: TestOAuthServer;
let oauthSmtp: TestSmtpServer;
let stock: TestSmtpServer;
const closers: (() => Promise<void>)[] = [];
let seq = 0;

const rows = () => app.strapi.db.query(SMTP_ACCOUNT_UID);
const email = () => app.strapi.plugin('email').service('email');
const callback = () => `${app.url}/admin/plugins/smtp-accounts/oauth/callback`;
const attacker = async (options: Parameters<typeof startSmtpServer>[0] = {}) => {
  const server = await startSmtpServer({ users: { owner: 'whatever' }, ...options });
  closers.push(server.close);
  return server;
};
const passwordAccount = (overrides: Record<string, unknown> = {}) => ({
  name: 'Owner',
  email: `owner-${++seq}@cred.test`,
  host: '127.0.0.1',
  port: owner.port,
  security: 'none',
  authType: 'plain',
  username: 'owner',
  password: PASSWORD,
  ...overrides,
});
const oauthAccount = (overrides: Record<string, unknown> = {}) => ({
  name: 'Mailbox',
  email: `box-${++seq}@cred.test`,
  host: '127.0.0.1',
  port: oauthSmtp.port,
  security: 'none',
  authType: 'oauth2',
  username: `box-${seq}@cred.test`,
  oauthProvider: 'generic',
  oauthClientId: oauth.clientId,
  oauthClientSecret: oauth.clientSecret,
  oauthAuthorizeUrl: oauth.authorizeUrl,
  oauthTokenUrl: oauth.tokenUrl,
  oauthScope: 'smtp',
  ...overrides,
});
const connect = async (client: AdminClient, id: number) => {
  const started = await client.post(`/smtp-accounts/accounts/${id}/oauth/connect`, {
    redirectUri: callback(),
  });
  expect(started.status).toBe(200);
  const consent = await approveConsent(started.body.data.authorizationUrl);
  return client.post('/smtp-accounts/oauth/callback', { state: consent.state, code: consent.code });
};
const expectNoToken = (text: string) => {
  for (const secret of oauth.issued) expect(text).not.toContain(secret);
};
/** A tiny HTTP server standing in for an editor's token endpoint: it records every request body. */
const tokenTrap = async (
  answer: (response: http.ServerResponse) => void = (r) => r.end('{"error":"invalid_client"}')
) => {
  const bodies: string[] = [];
  let bytesSent = 0;
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      bodies.push(body);
      const write = response.write.bind(response);
      response.write = ((chunk: Buffer, ...rest: unknown[]) => {
        bytesSent += chunk.length;
        return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof response.write;
      answer(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, bodies, bytesSent: () => bytesSent };
};

beforeAll(async () => {
  owner = await startSmtpServer({ users: { owner: PASSWORD } });
  stock = await startSmtpServer({ users: { 'stock-provider': 'stock-provider' } });
  oauth = await startOAuthServer({ accessTokenLifetimeS: TOKEN_LIFETIME_S });
  oauthSmtp = await startSmtpServer({
    xoauth2: (_user, token) => oauth.isValidAccessToken(token),
    echoSecrets: true,
  });
  app = await startStrapi({
    STOCK_SMTP_PORT: String(stock.port),
    SMTP_ACCOUNTS_OAUTH_REFRESH_MARGIN_MS: '300',
    SMTP_ACCOUNTS_SEND_TIMEOUT_MS: '2500',
    SMTP_ACCOUNTS_OAUTH_TIMEOUT_MS: '3000',
  });
  admin = await registerSuperAdmin(app.url);
  editor = await createAdminWithActions(app.strapi, app.url, [
    PERMISSIONS.accountsRead,
    PERMISSIONS.accountsUpdate,
  ]);
  expect(
    (
      await admin.put('/smtp-accounts/settings', {
        data: { enabled: true, fallback: 'provider', verifyTimeoutMs: 2000 },
      })
    ).status
  ).toBe(200);
});

afterAll(async () => {
  await app?.stop();
  for (const close of closers) await close();
  for (const server of [owner, stock, oauthSmtp]) await server?.close();
  await oauth?.close();
});

describe('1–3: an OAuth2 credential goes only where it was entered and verified', () => {
  it('1. an editor moving a connected account: 400 CLIENT_SECRET_REQUIRED; with any secret typed, the test mail reaches its server with no token', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: oauthAccount() })).body
      .data;
    expect((await connect(admin, created.id)).status).toBe(200);
    const trap = await attacker({ xoauth2: () => true });
    const moved = await editor.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { port: trap.port },
    });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details).toMatchObject({
      code: 'CLIENT_SECRET_REQUIRED',
      field: 'oauthClientSecret',
      params: { fields: ['port'] },
    });
    // the editor types a client secret of their own: the move is stored, signed out
    const typed = await editor.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { port: trap.port, oauthClientSecret: 'editor-typed' },
    });
    expect(typed.status).toBe(200);
    expect(typed.body.data.oauthStatus).toBe('pending');
    const test = await editor.post(`/smtp-accounts/accounts/${created.id}/test`, {
      to: 'someone@cred.test',
    });
    expect(test.status).toBe(400);
    expect(trap.auths).toEqual([]);
    expect(trap.authPasswords).toEqual([]);
    expectNoToken(test.text);
    const row = await rows().findOne({ where: { id: created.id } });
    expect([row.oauthAccessToken, row.oauthRefreshToken]).toEqual([null, null]);
  });

  it("2. an authType round trip (none, then oauth2 with the editor's endpoints) asks for the client secret; the trap sees nothing", async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: oauthAccount() })).body
      .data;
    const open = await attacker({ users: undefined });
    const trap = await tokenTrap();
    const none = await editor.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { authType: 'none', port: open.port },
    });
    expect(none.status).toBe(200);
    expect(none.body.data.hasClientSecret).toBe(false); // a secret that can never open here is not kept
    const back = await editor.put(`/smtp-accounts/accounts/${created.id}`, {
      data: {
        authType: 'oauth2',
        oauthTokenUrl: `${trap.url}/token`,
        oauthAuthorizeUrl: `${trap.url}/authorize`,
      },
    });
    expect(back.status).toBe(400);
    expect(back.body.error.details).toMatchObject({ code: 'REQUIRED', field: 'oauthClientSecret' });
    const connectAnyway = await editor.post(`/smtp-accounts/accounts/${created.id}/oauth/connect`, {
      redirectUri: callback(),
    });
    expect(connectAnyway.status).toBe(400);
    expect(trap.bodies).toEqual([]);
  });

  it('3. moving only the SMTP host of an OAuth2 account needs the client secret: the next Connect cannot verify a fresh token elsewhere', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: oauthAccount() })).body
      .data;
    const moved = await editor.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { host: 'localhost' },
    });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details).toMatchObject({
      code: 'CLIENT_SECRET_REQUIRED',
      params: { fields: ['host'] },
    });
  });
});

describe('4. sealed values enter only by copy', () => {
  it('a sealed value posted as a password (from a dump of this very app) is refused before any server is contacted', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: passwordAccount() })).body
      .data;
    const sealed = (await rows().findOne({ where: { id: created.id } })).password as string;
    const trap = await attacker({ users: { owner: sealed } });
    const posted = await admin.post('/smtp-accounts/accounts', {
      data: passwordAccount({ port: trap.port, password: sealed }),
    });
    expect(posted.status).toBe(400);
    expect(posted.body.error.details).toEqual({ code: 'SEALED_VALUE_REFUSED', field: 'password' });
    const put = await editor.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { port: trap.port, password: sealed },
    });
    expect(put.status).toBe(400);
    expect(put.body.error.details.code).toBe('SEALED_VALUE_REFUSED');
    expect(trap.auths).toEqual([]);
    expect(posted.text + put.text).not.toContain(sealed);
  });

  it('a copied row pointed elsewhere (db.query) is refused: the sealed password does not open for another server', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: passwordAccount() })).body
      .data;
    const row = await rows().findOne({ where: { id: created.id } });
    const trap = await attacker();
    const { id: _id, documentId: _d, createdAt: _c, updatedAt: _u, ...columns } = row;
    const error = await rows()
      .create({ data: { ...columns, email: `copy-${++seq}@cred.test`, port: trap.port } })
      .then(
        () => null,
        (e: unknown) => e
      );
    expect(error).toMatchObject({
      name: 'ValidationError',
      details: { code: 'PASSWORD_SEALED_WITH_OTHER_KEY', field: 'password' },
    });
  });

  it('the connection module, asked for another destination, fails with EDECRYPT — no login anywhere', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: passwordAccount() })).body
      .data;
    const row = await rows().findOne({ where: { id: created.id } });
    const trap = await attacker({ users: { owner: PASSWORD } });
    const connections = app.strapi.plugin('smtp-accounts').service('connections') as Connections;
    // a path that forgot every rule and hands the stored row, with another port, to the connection module
    await expect(
      connections.verify({ ...row, port: trap.port }, { kind: 'stored' }, 2000)
    ).rejects.toMatchObject({ code: 'EDECRYPT' });
    await expect(
      connections.sendTest(
        { ...row, port: trap.port },
        { kind: 'stored' },
        'x@cred.test',
        'test',
        2000
      )
    ).rejects.toMatchObject({ code: 'EDECRYPT' });
    await expect(
      connections.send(
        { ...row, port: trap.port, id: row.id + 100000 },
        { from: row.email, to: 'x@cred.test', text: 'x' }
      )
    ).rejects.toMatchObject({ code: 'EDECRYPT' });
    expect(trap.auths).toEqual([]);
    // the same row, where it was verified, still logs in
    expect((await connections.verify(row, { kind: 'stored' }, 2000)).ok).toBe(true);
  });
});

describe('5. the hidden types stay hidden', () => {
  const TYPES = ['smtp-account', 'send-log', 'batch', 'queued-mail'];

  it('no Content Manager answer for them, to a super admin or a role given read on them through the Roles API', async () => {
    await admin.post('/smtp-accounts/accounts', { data: passwordAccount() });
    const reader = await createAdminWithActions(app.strapi, app.url, []);
    const role = await app.strapi.db
      .query('admin::role')
      .findOne({ where: { name: { $startsWith: 'Only nothing' } }, orderBy: { id: 'desc' } });
    await app.strapi.service('admin::role').assignPermissions(
      role.id,
      TYPES.map((type) => ({
        action: 'plugin::content-manager.explorer.read',
        subject: `plugin::smtp-accounts.${type}`,
        properties: {},
        conditions: [],
      }))
    );
    for (const client of [admin, reader]) {
      for (const type of TYPES) {
        for (const uid of [
          `plugin::smtp-accounts.${type}`,
          encodeURIComponent(`plugin::smtp-accounts.${type}`),
          `plugin%3a%3asmtp-accounts.${type}`,
        ]) {
          for (const path of [
            `/content-manager/collection-types/${uid}`,
            `/content-manager/collection-types/${uid}/1`,
            `/content-manager/history-versions?contentType=${uid}`,
          ]) {
            const res = await client.get(path);
            expect([path, res.status]).toEqual([path, 404]);
            expect(res.text).not.toMatch(/v[12]:[\w-]{16}:/);
          }
        }
      }
    }
    // Strapi's own types still answer
    expect(
      (await admin.get('/content-manager/collection-types/plugin::users-permissions.user')).status
    ).toBe(200);
  });
});

describe('6. every token a pooled connection signed in with is redacted from what the server echoes', () => {
  it('connections opened as tokens expire each sign in with a new token; none of them reaches the send log', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: oauthAccount() })).body
      .data;
    expect((await connect(admin, created.id)).status).toBe(200);
    const from = `Mailbox <${created.email}>`;
    // one more connection per round, each after the last token expired: connection n signs in with token n
    for (let round = 1; round <= 4; round++) {
      await Promise.all(
        Array.from({ length: round }, (_, i) =>
          email().send({ from, to: 'r@cred.test', subject: `pool ${round}.${i}`, text: 'x' })
        )
      );
      await new Promise((resolve) => setTimeout(resolve, TOKEN_LIFETIME_S * 1000 + 100));
    }
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        email().send({ from, to: 'r@cred.test', subject: `pool 5.${i}`, text: 'x' })
      )
    );
    const used = new Set(oauthSmtp.authPasswords.slice(-15));
    expect(used.size).toBeGreaterThanOrEqual(3);
    await app.strapi.plugin('smtp-accounts').service('sendLog').flush();
    const log = await admin.get(
      `/smtp-accounts/log?pageSize=100&from=${encodeURIComponent(created.email)}`
    );
    expect(log.body.data.length).toBeGreaterThanOrEqual(15);
    expect(
      log.body.data.some((entry: { response: string }) => /\[redacted\]/.test(entry.response))
    ).toBe(true);
    expectNoToken(log.text);
  });
});

describe('7. the envelope is the checked recipient list', () => {
  it("a Bcc (or To) in headers adds no RCPT TO: through Strapi's email service, the mailer and the queue", async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: passwordAccount() })).body
      .data;
    const from = `Owner <${created.email}>`;
    const headers = { Bcc: 'hidden@cred.test', cc: 'hidden2@cred.test', 'X-Keep': 'kept' };
    await email().send({
      from,
      to: 'visible@cred.test',
      subject: 'envelope 1',
      text: 'x',
      headers,
    });
    await app.strapi
      .plugin('smtp-accounts')
      .service('mailer')
      .send({
        from,
        to: 'visible@cred.test',
        subject: 'envelope 2',
        text: 'x',
        headers: [{ key: 'BCC', value: 'hidden@cred.test' }],
      });
    const queue = app.strapi.plugin('smtp-accounts').service('queue');
    const batch = await queue.enqueue([
      { from, to: 'visible@cred.test', subject: 'envelope 3', text: 'x', headers },
    ]);
    await queue.whenEnqueued(batch);
    for (let i = 0; i < 100 && !owner.received.some((m) => m.subject === 'envelope 3'); i++)
      await new Promise((r) => setTimeout(r, 100));
    for (const subject of ['envelope 1', 'envelope 2', 'envelope 3']) {
      const mail = owner.received.find((m) => m.subject === subject);
      expect([subject, mail?.rcptTo]).toEqual([subject, ['visible@cred.test']]);
      expect(mail?.raw).not.toMatch(/hidden/);
    }
    expect(owner.received.find((m) => m.subject === 'envelope 1')?.raw).toMatch(/X-Keep: kept/);
  });

  it('CR/LF inside a { name, address } recipient is a 400 INVALID_MAIL; nothing is sent or logged', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: passwordAccount() })).body
      .data;
    const before = owner.received.length;
    for (const to of [
      { name: 'X\r\nBcc: hidden@cred.test', address: 'visible@cred.test' },
      [{ name: 'ok', address: 'a@cred.test\nb@cred.test' }],
    ]) {
      const error = await email()
        .send({ from: `Owner <${created.email}>`, to, subject: 'crlf', text: 'x' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ValidationError', details: { code: 'INVALID_MAIL' } });
    }
    expect(owner.received.length).toBe(before);
  });
});

describe('8. deadlines and bounds', () => {
  it('a test mail against a server trickling its EHLO reply answers within verifyTimeoutMs, stage timeout', async () => {
    const trickle = await startTricklingServer({ at: 'ehlo' });
    closers.push(trickle.close);
    const created = (await admin.post('/smtp-accounts/accounts', { data: passwordAccount() })).body
      .data;
    // pointed there by server code (no verification), with the password typed again
    await rows().update({
      where: { id: created.id },
      data: { port: trickle.port, password: PASSWORD },
    });
    const started = Date.now();
    const test = await admin.post(`/smtp-accounts/accounts/${created.id}/test`, {
      to: 'r@cred.test',
    });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(test.status).toBe(400);
    expect(test.body.error.details).toMatchObject({ stage: 'timeout', code: 'ETIMEDOUT' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(trickle.open()).toBe(0); // the connection was closed, not left dripping
  });

  it('a send (an anonymous forgot-password takes this path) is given up after timeouts.sendMs, maybe delivered: never resent elsewhere', async () => {
    const trickle = await startTricklingServer({ at: 'data' });
    closers.push(trickle.close);
    const created = (await admin.post('/smtp-accounts/accounts', { data: passwordAccount() })).body
      .data;
    await rows().update({
      where: { id: created.id },
      data: { port: trickle.port, password: PASSWORD },
    });
    const started = Date.now();
    const error = await email()
      .send({ from: `Owner <${created.email}>`, to: 'r@cred.test', subject: 'trickled', text: 'x' })
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toMatchObject({ details: { code: 'MAIL_NOT_SENT' } });
    expect(stock.received.find((m) => m.subject === 'trickled')).toBeUndefined(); // the server may hold it: no fallback
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(trickle.open()).toBe(0);
  });

  it('a token endpoint answering 48 MB is cut off at the cap: the exchange fails, little is read', async () => {
    const huge = await tokenTrap((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 48 && !response.destroyed) {
          sent += 1;
          if (!response.write(chunk)) return response.once('drain', pump);
        }
        response.end();
      };
      pump();
    });
    const created = (
      await admin.post('/smtp-accounts/accounts', {
        data: oauthAccount({ oauthTokenUrl: `${huge.url}/token` }),
      })
    ).body.data;
    const started = await admin.post(`/smtp-accounts/accounts/${created.id}/oauth/connect`, {
      redirectUri: callback(),
    });
    const state = new URL(started.body.data.authorizationUrl).searchParams.get('state');
    const rss = process.memoryUsage().rss;
    const done = await admin.post('/smtp-accounts/oauth/callback', { state, code: 'any' });
    expect(done.status).toBe(400);
    expect(done.body.error.details).toMatchObject({
      code: 'OAUTH_EXCHANGE_FAILED',
      oauthError: 'response_too_large',
    });
    expect(process.memoryUsage().rss - rss).toBeLessThan(64 * 1024 * 1024);
    expect(huge.bytesSent()).toBeLessThan(48 * 1024 * 1024);
  });
});

describe('10. smaller findings', () => {
  it("redirect URIs: https, or http on loopback; only this admin's own callback page", async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: oauthAccount() })).body
      .data;
    for (const redirectUri of [
      'http://admin.example.com/admin/plugins/smtp-accounts/oauth/callback',
      'https://evil.example/admin/plugins/smtp-accounts/oauth/callback',
      `${app.url}/evil/plugins/smtp-accounts/oauth/callback`,
      `${app.url}/admin/plugins/smtp-accounts/oauth/callback?x=1`,
    ]) {
      const res = await admin.post(`/smtp-accounts/accounts/${created.id}/oauth/connect`, {
        redirectUri,
      });
      expect([redirectUri, res.status, res.body.error?.details?.code]).toEqual([
        redirectUri,
        400,
        'INVALID_URL',
      ]);
    }
    expect(
      (
        await admin.post(`/smtp-accounts/accounts/${created.id}/oauth/connect`, {
          redirectUri: callback(),
        })
      ).status
    ).toBe(200);
  });

  it('Connect states are deleted when used and when expired', async () => {
    const prefix = 'plugin_smtp-accounts_oauth_state_';
    const states = () =>
      app.strapi.db
        .query('strapi::core-store')
        .findMany({ where: { key: { $startsWith: prefix } } });
    const created = (await admin.post('/smtp-accounts/accounts', { data: oauthAccount() })).body
      .data;
    await admin.post(`/smtp-accounts/accounts/${created.id}/oauth/connect`, {
      redirectUri: callback(),
    });
    const pending = await states();
    expect(pending.length).toBeGreaterThan(0);
    // every pending sign-in expires
    for (const row of pending) {
      const value = JSON.parse(row.value);
      await app.strapi.db.query('strapi::core-store').update({
        where: { id: row.id },
        data: { value: JSON.stringify({ ...value, expiresAt: Date.now() - 1 }) },
      });
    }
    expect((await connect(admin, created.id)).status).toBe(200);
    expect(await states()).toEqual([]);
  });

  it('POST /api/email (an API token with email.send) goes through the stock provider unless contentApiEmail is "accounts"', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: passwordAccount() })).body
      .data;
    const token = await app.strapi
      .service('admin::api-token')
      .create({ name: `full ${++seq}`, type: 'full-access', lifespan: null });
    const post = (subject: string) =>
      fetch(`${app.url}/api/email`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.accessKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          from: `Owner <${created.email}>`,
          to: 'r@cred.test',
          subject,
          text: 'x',
        }),
      });
    expect((await post('content api 1')).status).toBe(200);
    expect(stock.received.find((m) => m.subject === 'content api 1')?.user).toBe('stock-provider');
    expect(owner.received.find((m) => m.subject === 'content api 1')).toBeUndefined();
    expect(
      (await admin.put('/smtp-accounts/settings', { data: { contentApiEmail: 'accounts' } })).status
    ).toBe(200);
    expect((await post('content api 2')).status).toBe(200);
    expect(owner.received.find((m) => m.subject === 'content api 2')?.user).toBe('owner');
    expect(
      (await admin.put('/smtp-accounts/settings', { data: { contentApiEmail: 'anything' } })).body
        .error.details.code
    ).toBe('NOT_ONE_OF');
    await admin.put('/smtp-accounts/settings', { data: { contentApiEmail: 'stock' } });
  });

  it('one health vocabulary: an account that lost its grant is "reauth-required" in the health API', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: oauthAccount() })).body
      .data;
    await rows().update({ where: { id: created.id }, data: { oauthStatus: 'reauth-required' } });
    await app.strapi.db
      .connection(app.strapi.db.metadata.get(SMTP_ACCOUNT_UID).tableName)
      .where({ id: created.id })
      .update({ oauth_status: 'reauth-required' });
    const health = await admin.get('/smtp-accounts/accounts/health');
    expect(
      health.body.data.find((h: { accountId: number }) => h.accountId === created.id)?.status
    ).toBe('reauth-required');
  });

  it('every 404 of the accounts API carries details.code NOT_FOUND', async () => {
    for (const [method, path, body] of [
      ['GET', '/smtp-accounts/accounts/999999', undefined],
      ['PUT', '/smtp-accounts/accounts/999999', { data: { name: 'x' } }],
      ['DELETE', '/smtp-accounts/accounts/999999', undefined],
      ['POST', '/smtp-accounts/accounts/999999/test', { to: 'a@cred.test' }],
      ['POST', '/smtp-accounts/accounts/999999/oauth/connect', { redirectUri: callback() }],
      ['GET', '/smtp-accounts/accounts/abc', undefined],
      ['GET', '/smtp-accounts/campaigns/999999', undefined],
      ['POST', '/smtp-accounts/log/999999/resend', undefined],
    ] as const) {
      const res = await admin.request(method, path, body);
      expect([method, path, res.status, res.body.error?.details?.code]).toEqual([
        method,
        path,
        404,
        'NOT_FOUND',
      ]);
    }
  });
});

describe('migration', () => {
  it("a password stored before bindings (v1) is bound to its account's server at the next start and keeps sending", async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: passwordAccount() })).body
      .data;
    const meta = app.strapi.db.metadata.get(SMTP_ACCOUNT_UID);
    await app.strapi.db
      .connection(meta.tableName)
      .where({ id: created.id })
      .update({ password: legacySeal(PASSWORD) });
    await app.restart();
    const row = await rows().findOne({ where: { id: created.id } });
    expect(row.password).toMatch(/^v2:/);
    expect(openSecret(row)).toBe(PASSWORD);
    const subject = `legacy ${++seq}`;
    await email().send({ from: `Owner <${created.email}>`, to: 'r@cred.test', subject, text: 'x' });
    expect(owner.received.find((m) => m.subject === subject)?.user).toBe('owner');
  });
});
