import http from 'node:http';
import type { AddressInfo } from 'node:net';
import OAuth2Server from '@node-oauth/oauth2-server';

/**
 * A real OAuth 2.0 authorization server on 127.0.0.1 (@node-oauth/oauth2-server): the
 * authorization-code grant with PKCE, a consent page, short-lived access tokens and rotating
 * refresh tokens (a used refresh token is revoked: reusing it is `invalid_grant`, as at Microsoft).
 * The XOAUTH2 SMTP server of the tests asks it whether an access token is valid.
 */
export interface TestOAuthServer {
  url: string;
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** How many refresh_token grants succeeded, and how many were refused. */
  stats: { codeGrants: number; refreshGrants: number; refused: string[] };
  /** True when the token was issued here, is unexpired and not revoked. */
  isValidAccessToken(token: string): boolean;
  /** Every secret this server handed out (to prove none of them leaks). */
  issued: string[];
  /** Revokes every grant: the next refresh answers invalid_grant. */
  revokeAll(): void;
  close(): Promise<void>;
}

interface StoredToken {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken?: string;
  refreshTokenExpiresAt?: Date;
  scope?: string[];
  client: { id: string };
  user: { id: string };
}

const readBody = (request: http.IncomingMessage) =>
  new Promise<Record<string, string>>((resolve) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => resolve(Object.fromEntries(new URLSearchParams(text))));
  });

const html = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export const startOAuthServer = async ({
  accessTokenLifetimeS = 3600,
} = {}): Promise<TestOAuthServer> => {
  const clientId = `client-${Math.random().toString(36).slice(2)}`;
  const clientSecret = `secret-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const codes = new Map<string, Record<string, unknown>>();
  const accessTokens = new Map<string, StoredToken>();
  const refreshTokens = new Map<string, StoredToken>();
  const stats: TestOAuthServer['stats'] = { codeGrants: 0, refreshGrants: 0, refused: [] };
  const issued: string[] = [clientSecret];
  // any callback on 127.0.0.1 (the test app's port is known only at run time): see validateRedirectUri
  const client = {
    id: clientId,
    grants: ['authorization_code', 'refresh_token'],
    redirectUris: ['http://127.0.0.1/'],
  };

  const model = {
    getClient: async (id: string, secret: string | null) =>
      id === clientId && (secret === null || secret === clientSecret) ? client : null,
    validateRedirectUri: async (uri: string) => /^http:\/\/127\.0\.0\.1:\d+\//.test(uri),
    validateScope: async (_user: unknown, _client: unknown, scope?: string[]) => scope ?? ['smtp'],
    saveAuthorizationCode: async (code: Record<string, unknown>, c: unknown, user: unknown) => {
      const saved = { ...code, client: c, user };
      codes.set(code.authorizationCode as string, saved);
      return saved;
    },
    getAuthorizationCode: async (code: string) => codes.get(code) ?? null,
    revokeAuthorizationCode: async (code: { authorizationCode: string }) =>
      codes.delete(code.authorizationCode),
    saveToken: async (
      token: Omit<StoredToken, 'client' | 'user'>,
      c: { id: string },
      user: { id: string }
    ) => {
      const saved: StoredToken = { ...token, client: c, user };
      accessTokens.set(token.accessToken, saved);
      if (token.refreshToken) refreshTokens.set(token.refreshToken, saved);
      issued.push(token.accessToken, ...(token.refreshToken ? [token.refreshToken] : []));
      return saved;
    },
    getAccessToken: async (token: string) => accessTokens.get(token) ?? null,
    getRefreshToken: async (token: string) => refreshTokens.get(token) ?? null,
    // rotation: a refresh token is used once
    revokeToken: async (token: { refreshToken: string }) =>
      refreshTokens.delete(token.refreshToken),
    verifyScope: async () => true,
  };

  const oauth = new OAuth2Server({
    model: model as never,
    accessTokenLifetime: accessTokenLifetimeS,
    refreshTokenLifetime: 90 * 24 * 3600,
    allowEmptyState: false,
    alwaysIssueNewRefreshToken: true,
  });

  const reply = (response: http.ServerResponse, oauthResponse: OAuth2Server.Response) => {
    response.writeHead(oauthResponse.status ?? 200, {
      'content-type': 'application/json',
      ...(oauthResponse.headers as Record<string, string>),
    });
    response.end(oauthResponse.body ? JSON.stringify(oauthResponse.body) : '');
  };

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    try {
      if (url.pathname === '/authorize' && request.method === 'GET') {
        // the consent page: a heading, the app asking, one button
        const fields = [...url.searchParams]
          .map(([k, v]) => `<input type="hidden" name="${html(k)}" value="${html(v)}">`)
          .join('');
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(
          `<!doctype html><title>Sign in</title><h1>Allow SMTP access</h1><p>${html(url.searchParams.get('login_hint') ?? '')}</p><form method="post" action="/authorize">${fields}<button type="submit">Approve</button></form>`
        );
        return;
      }
      if (url.pathname === '/authorize' && request.method === 'POST') {
        const body = await readBody(request);
        const oauthRequest = new OAuth2Server.Request({
          method: 'POST',
          query: {},
          headers: request.headers as Record<string, string>,
          body,
        });
        const oauthResponse = new OAuth2Server.Response({});
        await oauth.authorize(oauthRequest, oauthResponse, {
          authenticateHandler: { handle: () => ({ id: body.login_hint || 'mailbox' }) },
        });
        response.writeHead(
          oauthResponse.status ?? 302,
          oauthResponse.headers as Record<string, string>
        );
        response.end();
        return;
      }
      if (url.pathname === '/token' && request.method === 'POST') {
        const body = await readBody(request);
        const oauthRequest = new OAuth2Server.Request({
          method: 'POST',
          query: {},
          headers: request.headers as Record<string, string>,
          body,
        });
        const oauthResponse = new OAuth2Server.Response({});
        try {
          await oauth.token(oauthRequest, oauthResponse);
          if (body.grant_type === 'refresh_token') stats.refreshGrants += 1;
          else stats.codeGrants += 1;
          reply(response, oauthResponse);
        } catch (error) {
          const name = (error as { name?: string }).name ?? 'server_error';
          stats.refused.push(name);
          response.writeHead((error as { code?: number }).code ?? 400, {
            'content-type': 'application/json',
          });
          response.end(
            JSON.stringify({ error: name, error_description: (error as Error).message })
          );
        }
        return;
      }
      response.writeHead(404).end();
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end((error as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    clientId,
    clientSecret,
    authorizeUrl: `${url}/authorize`,
    tokenUrl: `${url}/token`,
    stats,
    issued,
    isValidAccessToken: (token) => {
      const stored = accessTokens.get(token);
      return Boolean(stored && stored.accessTokenExpiresAt.getTime() > Date.now());
    },
    revokeAll: () => {
      refreshTokens.clear();
      accessTokens.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** What a browser does on the consent page, without one: GET the page, POST Approve, read the redirect. */
export const approveConsent = async (authorizationUrl: string) => {
  const page = await fetch(authorizationUrl);
  const text = await page.text();
  if (!text.includes('Allow SMTP access'))
    throw new Error(`no consent page at ${authorizationUrl}`);
  const url = new URL(authorizationUrl);
  const form = new URLSearchParams([...url.searchParams]);
  const answer = await fetch(`${url.origin}/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const location = answer.headers.get('location');
  if (!location)
    throw new Error(`consent did not redirect: ${answer.status} ${await answer.text()}`);
  const back = new URL(location);
  return {
    code: back.searchParams.get('code') ?? '',
    state: back.searchParams.get('state') ?? '',
    redirect: back,
  };
};
