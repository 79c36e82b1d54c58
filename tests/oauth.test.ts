/**
 * OAuth2 (XOAUTH2) accounts against a real local authorization server (@node-oauth/oauth2-server:
 * PKCE, short-lived access tokens, rotating refresh tokens) and an smtp-server that accepts XOAUTH2
 * only with a token that server issued: Connect, verify before use, send, refresh after expiry with
 * the rotated refresh token persisted, state misuse, the client-secret rule, a revoked grant
 * (needs re-authorization, out of routing, one webhook event), and no secret anywhere.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTP_ACCOUNT_UID } from '../server/src/accounts';
import { AdminClient, registerSuperAdmin } from './helpers/admin-client';
import { approveConsent, startOAuthServer, type TestOAuthServer } from './helpers/oauth-server';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

const TOKEN_LIFETIME_S = 3;
let app: TestApp;
let admin: AdminClient;
let oauth: TestOAuthServer;
let smtp: TestSmtpServer;
let stock: TestSmtpServer;
let hooks: { server: http.Server; url: string; received: { event: string; body: string }[] };
let seq = 0;

const callback = () => `${app.url}/admin/plugins/smtp-accounts/oauth/callback`;
const email = () => app.strapi.plugin('email').service('email');
const oauthAccount = (overrides: Record<string, unknown> = {}) => ({
  name: 'Mailbox',
  email: `box-${++seq}@example.test`,
  host: '127.0.0.1',
  port: smtp.port,
  security: 'none',
  authType: 'oauth2',
  username: `box-${seq}@example.test`,
  oauthProvider: 'generic',
  oauthClientId: oauth.clientId,
  oauthClientSecret: oauth.clientSecret,
  oauthAuthorizeUrl: oauth.authorizeUrl,
  oauthTokenUrl: oauth.tokenUrl,
  oauthScope: 'smtp',
  ...overrides,
});
const connect = async (id: number) => {
  const started = await admin.post(`/smtp-accounts/accounts/${id}/oauth/connect`, {
    redirectUri: callback(),
  });
  expect(started.status).toBe(200);
  const consent = await approveConsent(started.body.data.authorizationUrl);
  return {
    ...consent,
    answer: await admin.post('/smtp-accounts/oauth/callback', {
      state: consent.state,
      code: consent.code,
    }),
  };
};
const sealedRow = (id: number) => app.strapi.db.query(SMTP_ACCOUNT_UID).findOne({ where: { id } });
const expectNoSecret = (text: string) => {
  for (const secret of oauth.issued) expect(text).not.toContain(secret);
};

beforeAll(async () => {
  oauth = await startOAuthServer({ accessTokenLifetimeS: TOKEN_LIFETIME_S });
  smtp = await startSmtpServer({ xoauth2: (_user, token) => oauth.isValidAccessToken(token) });
  stock = await startSmtpServer({ users: { 'stock-provider': 'stock-provider' } });
  const received: { event: string; body: string }[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ event: String(request.headers['x-event'] ?? JSON.parse(body).event), body });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hooks = {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
  };
  app = await startStrapi({
    STOCK_SMTP_PORT: String(stock.port),
    SMTP_ACCOUNTS_OAUTH_REFRESH_MARGIN_MS: '500',
  });
  admin = await registerSuperAdmin(app.url);
  await admin.put('/smtp-accounts/settings', { data: { enabled: true, fallback: 'provider' } });
});

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
  await stock?.close();
  await oauth?.close();
  await new Promise((resolve) => hooks?.server.close(resolve));
});

describe('OAuth2 accounts', () => {
  it('are stored pending (out of routing) until Connect; the client secret is sealed and never answered', async () => {
    const res = await admin.post('/smtp-accounts/accounts', { data: oauthAccount() });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      authType: 'oauth2',
      oauthStatus: 'pending',
      hasClientSecret: true,
      oauthClientId: oauth.clientId,
    });
    expectNoSecret(res.text);
    const row = await sealedRow(res.body.data.id);
    expect(row.oauthClientSecret).toMatch(/^v2:/);
    expect(smtp.auths).toEqual([]); // nothing to verify with yet

    await email().send({
      from: `Mailbox <${res.body.data.email}>`,
      to: 'r@example.test',
      subject: 'pending',
      text: 'x',
    });
    expect(stock.received.find((m) => m.subject === 'pending')).toBeTruthy();
    expect(smtp.received.find((m) => m.subject === 'pending')).toBeUndefined();
  });

  it('Connect runs the code flow with PKCE, verifies over XOAUTH2, then the account sends; tokens are refreshed after expiry and the rotated refresh token is kept', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: oauthAccount() })).body
      .data;
    const started = await admin.post(`/smtp-accounts/accounts/${created.id}/oauth/connect`, {
      redirectUri: callback(),
    });
    const authorizationUrl = new URL(started.body.data.authorizationUrl);
    expect(authorizationUrl.origin).toBe(oauth.url);
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('redirect_uri')).toBe(callback());
    expect(authorizationUrl.searchParams.get('state')).toMatch(/^[\w-]{40,}$/);

    const consent = await approveConsent(started.body.data.authorizationUrl);
    const done = await admin.post('/smtp-accounts/oauth/callback', {
      state: consent.state,
      code: consent.code,
    });
    expect(done.status).toBe(200);
    expect(done.body.data.oauthStatus).toBe('connected');
    expect(smtp.auths.at(-1)).toEqual({ user: created.username, method: 'XOAUTH2', ok: true });
    expectNoSecret(done.text);

    const from = `Mailbox <${created.email}>`;
    await email().send({ from, to: 'r@example.test', subject: 'oauth 1', text: 'x' });
    expect(smtp.received.find((m) => m.subject === 'oauth 1')?.user).toBe(created.username);

    const before = await sealedRow(created.id);
    const refreshes = oauth.stats.refreshGrants;
    await new Promise((resolve) => setTimeout(resolve, TOKEN_LIFETIME_S * 1000 + 200));
    // a pooled connection stays logged in; a new connection needs a fresh token (as after an idle close)
    app.strapi.plugin('smtp-accounts').service('accountIndex').close();
    await email().send({ from, to: 'r@example.test', subject: 'oauth 2', text: 'x' });
    expect(smtp.received.find((m) => m.subject === 'oauth 2')?.user).toBe(created.username);
    expect(oauth.stats.refreshGrants).toBe(refreshes + 1);
    const after = await sealedRow(created.id);
    expect(after.oauthRefreshToken).not.toBe(before.oauthRefreshToken); // rotated and persisted
    expect(oauth.stats.refused).toEqual([]);
  });

  it('a state works once, for the admin who started it', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: oauthAccount() })).body
      .data;
    const first = await connect(created.id);
    expect(first.answer.status).toBe(200);
    const replay = await admin.post('/smtp-accounts/oauth/callback', {
      state: first.state,
      code: first.code,
    });
    expect(replay.status).toBe(400);
    expect(replay.body.error.details.code).toBe('OAUTH_STATE_INVALID');
    const forged = await admin.post('/smtp-accounts/oauth/callback', {
      state: 'made-up-state',
      code: 'x',
    });
    expect(forged.body.error.details.code).toBe('OAUTH_STATE_INVALID');
    const badRedirect = await admin.post(`/smtp-accounts/accounts/${created.id}/oauth/connect`, {
      redirectUri: 'https://evil.example/steal',
    });
    expect(badRedirect.status).toBe(400);
  });

  it('moving the token endpoint or the SMTP server needs the client secret again, and signs the account out', async () => {
    const created = (await admin.post('/smtp-accounts/accounts', { data: oauthAccount() })).body
      .data;
    expect((await connect(created.id)).answer.status).toBe(200);
    const moved = await admin.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { oauthTokenUrl: 'http://127.0.0.1:9/token' },
    });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details).toMatchObject({
      code: 'CLIENT_SECRET_REQUIRED',
      field: 'oauthClientSecret',
    });
    const renamed = await admin.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { name: 'Renamed box' },
    });
    expect(renamed.body.data.oauthStatus).toBe('connected');
    // the fresh token of the next Connect would be checked at the new server: the secret is asked for again
    const hostOnly = await admin.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { host: 'localhost' },
    });
    expect(hostOnly.status).toBe(400);
    expect(hostOnly.body.error.details).toMatchObject({
      code: 'CLIENT_SECRET_REQUIRED',
      field: 'oauthClientSecret',
      params: { fields: ['host'] },
    });
    const otherHost = await admin.put(`/smtp-accounts/accounts/${created.id}`, {
      data: { host: 'localhost', oauthClientSecret: oauth.clientSecret },
    });
    expect(otherHost.status).toBe(200);
    expect(otherHost.body.data.oauthStatus).toBe('pending');
    expect((await sealedRow(created.id)).oauthRefreshToken).toBeNull();
  });

  it('a revoked grant: needs re-authorization, out of routing, one webhook event without secrets; Connect again recovers', async () => {
    const hook = await admin.post('/admin/webhooks', {
      name: 'smtp alerts',
      url: hooks.url,
      headers: {},
      events: ['smtp-account.reauth-required'],
    });
    expect([hook.status, hook.text]).toEqual([201, expect.any(String)]);
    const created = (await admin.post('/smtp-accounts/accounts', { data: oauthAccount() })).body
      .data;
    expect((await connect(created.id)).answer.status).toBe(200);
    oauth.revokeAll();
    await new Promise((resolve) => setTimeout(resolve, TOKEN_LIFETIME_S * 1000 + 200));
    app.strapi.plugin('smtp-accounts').service('accountIndex').close(); // the next send opens a new connection

    const from = `Mailbox <${created.email}>`;
    await email().send({ from, to: 'r@example.test', subject: 'after revoke', text: 'x' });
    expect(stock.received.find((m) => m.subject === 'after revoke')).toBeTruthy(); // failed over to the stock provider
    expect((await admin.get(`/smtp-accounts/accounts/${created.id}`)).body.data.oauthStatus).toBe(
      'reauth-required'
    );
    await email().send({ from, to: 'r@example.test', subject: 'after revoke 2', text: 'x' });
    expect(oauth.stats.refused.filter((e) => e === 'invalid_grant')).toHaveLength(1); // out of routing: not tried again

    for (let i = 0; i < 50 && hooks.received.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const events = hooks.received.filter((h) => h.body.includes(created.email));
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].body)).toMatchObject({
      event: 'smtp-account.reauth-required',
      account: { id: created.id, email: created.email },
    });
    expectNoSecret(events[0].body);

    expect((await connect(created.id)).answer.body.data.oauthStatus).toBe('connected');
    await email().send({ from, to: 'r@example.test', subject: 'recovered', text: 'x' });
    expect(smtp.received.find((m) => m.subject === 'recovered')).toBeTruthy();
  });

  it('no client secret, refresh or access token in any answer, log line or log row', async () => {
    expectNoSecret((await admin.get('/smtp-accounts/accounts')).text);
    expectNoSecret((await admin.get('/smtp-accounts/log?pageSize=100')).text);
    expectNoSecret(app.logs.join('\n'));
  });
});
