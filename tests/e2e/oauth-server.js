'use strict';
/**
 * A real OAuth 2.0 server on 127.0.0.1 port 0 for the e2e run: a JS twin of tests/helpers/oauth-server.ts
 * (@node-oauth/oauth2-server, authorization code with PKCE, a consent page "Allow SMTP access" with an
 * "Approve" button, rotating refresh tokens). The XOAUTH2 smtp-server asks it whether a token is valid.
 */
const http = require('node:http');
const OAuth2Server = require('@node-oauth/oauth2-server');

const readBody = (request) =>
  new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => resolve(Object.fromEntries(new URLSearchParams(text))));
  });

const html = (text) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const startOAuthServer = async ({ accessTokenLifetimeS = 3600 } = {}) => {
  const clientId = `client-${Math.random().toString(36).slice(2)}`;
  const clientSecret = `secret-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const codes = new Map();
  const accessTokens = new Map();
  const refreshTokens = new Map();
  const stats = { codeGrants: 0, refreshGrants: 0, refused: [] };
  const client = {
    id: clientId,
    grants: ['authorization_code', 'refresh_token'],
    redirectUris: ['http://127.0.0.1/'],
  };

  const model = {
    getClient: async (id, secret) =>
      id === clientId && (secret === null || secret === clientSecret) ? client : null,
    // the panel's callback on the e2e Strapi (its port is known only at run time)
    validateRedirectUri: async (uri) =>
      /^http:\/\/127\.0\.0\.1:\d+\/admin\/plugins\/smtp-accounts\/oauth\/callback$/.test(uri),
    validateScope: async (_user, _client, scope) => scope || ['smtp'],
    saveAuthorizationCode: async (code, c, user) => {
      const saved = { ...code, client: c, user };
      codes.set(code.authorizationCode, saved);
      return saved;
    },
    getAuthorizationCode: async (code) => codes.get(code) || null,
    revokeAuthorizationCode: async (code) => codes.delete(code.authorizationCode),
    saveToken: async (token, c, user) => {
      const saved = { ...token, client: c, user };
      accessTokens.set(token.accessToken, saved);
      if (token.refreshToken) refreshTokens.set(token.refreshToken, saved);
      return saved;
    },
    getAccessToken: async (token) => accessTokens.get(token) || null,
    getRefreshToken: async (token) => refreshTokens.get(token) || null,
    revokeToken: async (token) => refreshTokens.delete(token.refreshToken),
    verifyScope: async () => true,
  };

  const oauth = new OAuth2Server({
    model,
    accessTokenLifetime: accessTokenLifetimeS,
    refreshTokenLifetime: 90 * 24 * 3600,
    allowEmptyState: false,
    alwaysIssueNewRefreshToken: true,
  });

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url || '/', 'http://127.0.0.1');
    try {
      if (url.pathname === '/authorize' && request.method === 'GET') {
        const fields = [...url.searchParams]
          .map(([k, v]) => `<input type="hidden" name="${html(k)}" value="${html(v)}">`)
          .join('');
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(
          `<!doctype html><html lang="en"><head><title>Sign in</title><link rel="icon" href="data:,"></head><body><h1>Allow SMTP access</h1>` +
            `<p>${html(url.searchParams.get('login_hint') || '')}</p><form method="post" action="/authorize">${fields}<button type="submit">Approve</button></form></body></html>`
        );
        return;
      }
      if (url.pathname === '/authorize' && request.method === 'POST') {
        const body = await readBody(request);
        const oauthRequest = new OAuth2Server.Request({
          method: 'POST',
          query: {},
          headers: request.headers,
          body,
        });
        const oauthResponse = new OAuth2Server.Response({});
        await oauth.authorize(oauthRequest, oauthResponse, {
          authenticateHandler: { handle: () => ({ id: body.login_hint || 'mailbox' }) },
        });
        response.writeHead(oauthResponse.status || 302, oauthResponse.headers);
        response.end();
        return;
      }
      if (url.pathname === '/token' && request.method === 'POST') {
        const body = await readBody(request);
        const oauthRequest = new OAuth2Server.Request({
          method: 'POST',
          query: {},
          headers: request.headers,
          body,
        });
        const oauthResponse = new OAuth2Server.Response({});
        try {
          await oauth.token(oauthRequest, oauthResponse);
          if (body.grant_type === 'refresh_token') stats.refreshGrants += 1;
          else stats.codeGrants += 1;
          response.writeHead(oauthResponse.status || 200, {
            'content-type': 'application/json',
            ...oauthResponse.headers,
          });
          response.end(oauthResponse.body ? JSON.stringify(oauthResponse.body) : '');
        } catch (error) {
          const name = error.name || 'server_error';
          stats.refused.push(name);
          response.writeHead(error.code || 400, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: name, error_description: error.message }));
        }
        return;
      }
      response.writeHead(404).end();
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: base,
    clientId,
    clientSecret,
    authorizeUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    stats,
    isValidAccessToken: (token) => {
      const stored = accessTokens.get(token);
      return Boolean(stored && new Date(stored.accessTokenExpiresAt).getTime() > Date.now());
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

module.exports = { startOAuthServer };
