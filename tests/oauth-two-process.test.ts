/**
 * OAuth2 refresh across processes on one PostgreSQL database: two Strapi processes needing a new
 * access token at the same moment refresh once (the database lock), the loser reuses the winner's
 * token, and the rotated refresh token survives a restart — no `invalid_grant` anywhere.
 */
import { AdminClient, registerSuperAdmin } from './helpers/admin-client';
import { approveConsent, startOAuthServer, type TestOAuthServer } from './helpers/oauth-server';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapiChild, type StrapiChild } from './helpers/strapi-child-process';
import { startStrapi, type TestApp } from './helpers/strapi';

const TOKEN_LIFETIME_S = 3;
let app: TestApp;
let admin: AdminClient;
let oauth: TestOAuthServer;
let smtp: TestSmtpServer;
let child: StrapiChild | null = null;

const startChild = () => startStrapiChild();
const stopChild = async () => {
  await child?.stop();
  child = null;
};
const tokenFromChild = (accountId: number) => child!.ask<{ token: string }>('token', { accountId });
const tokenHere = (accountId: number) =>
  app.strapi.plugin('smtp-accounts').service('oauth').accessToken(accountId, false);
const expire = () => new Promise((resolve) => setTimeout(resolve, TOKEN_LIFETIME_S * 1000 + 300));

beforeAll(async () => {
  oauth = await startOAuthServer({ accessTokenLifetimeS: TOKEN_LIFETIME_S });
  smtp = await startSmtpServer({ xoauth2: (_user, token) => oauth.isValidAccessToken(token) });
  app = await startStrapi({
    DATABASE_CLIENT: 'postgres',
    SMTP_ACCOUNTS_OAUTH_REFRESH_MARGIN_MS: '500',
  });
  admin = await registerSuperAdmin(app.url);
  await admin.put('/smtp-accounts/settings', { data: { enabled: true } });
  child = await startChild();
}, 180000);

afterAll(async () => {
  await stopChild();
  await app?.stop();
  await smtp?.close();
  await oauth?.close();
});

it('two processes refreshing at once end with one refresh, one valid token, and the rotation survives a restart', async () => {
  const created = await admin.post('/smtp-accounts/accounts', {
    data: {
      name: 'Shared',
      email: 'shared@example.test',
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      authType: 'oauth2',
      username: 'shared@example.test',
      oauthProvider: 'generic',
      oauthClientId: oauth.clientId,
      oauthClientSecret: oauth.clientSecret,
      oauthAuthorizeUrl: oauth.authorizeUrl,
      oauthTokenUrl: oauth.tokenUrl,
      oauthScope: 'smtp',
    },
  });
  expect(created.status).toBe(201);
  const id = created.body.data.id;
  const started = await admin.post(`/smtp-accounts/accounts/${id}/oauth/connect`, {
    redirectUri: `${app.url}/admin/plugins/smtp-accounts/oauth/callback`,
  });
  const consent = await approveConsent(started.body.data.authorizationUrl);
  expect(
    (
      await admin.post('/smtp-accounts/oauth/callback', {
        state: consent.state,
        code: consent.code,
      })
    ).status
  ).toBe(200);

  await expire();
  const refreshes = oauth.stats.refreshGrants;
  const [here, there, here2, there2] = await Promise.all([
    tokenHere(id),
    tokenFromChild(id),
    tokenHere(id),
    tokenFromChild(id),
  ]);
  expect(there.ok && there2.ok).toBe(true);
  expect(oauth.stats.refreshGrants).toBe(refreshes + 1);
  expect(new Set([here.token, here2.token, there.result!.token, there2.result!.token]).size).toBe(
    1
  );
  expect(oauth.isValidAccessToken(here.token)).toBe(true);
  expect(oauth.stats.refused).toEqual([]);

  // a restarted process (empty memory) refreshes with the rotated refresh token from the database
  await stopChild();
  child = await startChild();
  await expire();
  const afterRestart = await tokenFromChild(id);
  expect(afterRestart.ok).toBe(true);
  expect(oauth.isValidAccessToken(afterRestart.result!.token)).toBe(true);
  expect(oauth.stats.refreshGrants).toBe(refreshes + 2);
  expect(oauth.stats.refused).toEqual([]);
}, 120000);
