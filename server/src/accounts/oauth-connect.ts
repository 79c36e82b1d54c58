import net from 'node:net';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../../../shared/constants';
import { endpointsOf } from '../../../shared/oauth-presets';
import { createPkce, createState } from '../oauth/pkce';
import { OAuthTokenError, type TokenSet } from '../oauth/token-client';
import type { Connections } from './connection';
import { hostRefusal } from './host-refusal';
import type { Keyring } from './keyring';
import type { OAuthTokens } from './oauth-tokens';
import type { AccountRow } from './row';
import type { AccountStore } from './store';

interface PendingSignIn {
  adminId: number;
  accountId: number;
  verifier: string;
  redirectUri: string;
  expiresAt: number;
}

const STATE_PREFIX = `plugin_${PLUGIN_ID}_oauth_state_`;
export const CALLBACK_PATH = `/plugins/${PLUGIN_ID}/oauth/callback`;
const CORE_STORE = 'strapi::core-store';

const isLoopback = (hostname: string) => {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  return host === '::1';
};
const originOf = (url: unknown) => {
  try {
    return typeof url === 'string' && url ? new URL(url).origin : null;
  } catch {
    return null;
  }
};

/**
 * Connect: the OAuth2 authorization-code flow with PKCE, a `state` bound to the admin who started it
 * (kept sealed in Strapi's core store, used once, deleted when used or expired), a redirect URI that can
 * only be this admin's own callback page, and a check over XOAUTH2 with the new token before the account
 * becomes `connected`.
 */
export const createOAuthConnect = (deps: {
  strapi: Core.Strapi;
  store: AccountStore;
  keyring: Keyring;
  tokens: OAuthTokens;
  connections: Connections;
  config: () => { stateTtlMs: number };
  verifyTimeoutMs: () => Promise<number>;
}) => {
  const { strapi, store, keyring, tokens, connections } = deps;
  const states = () => strapi.db.query(CORE_STORE);

  /** The token and authorize endpoints: https (http only on loopback), and the host policy applies. */
  const admitEndpoint = async (url: string, field: string) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new errors.ValidationError(`${field} must be a URL`, { code: 'INVALID_URL', field });
    }
    if (
      parsed.protocol !== 'https:' &&
      !(parsed.protocol === 'http:' && isLoopback(parsed.hostname))
    ) {
      throw new errors.ValidationError(`${field} must be an https URL`, {
        code: 'INVALID_URL',
        field,
      });
    }
    try {
      await connections.admit(parsed.hostname.replace(/^\[|\]$/g, ''));
    } catch (error) {
      throw hostRefusal(error, field);
    }
  };

  /** Only this admin's own callback page: its origin (configured, or the one this request came to), https unless loopback. */
  const checkRedirectUri = (redirectUri: string, requestOrigin: string | null) => {
    let redirect: URL;
    try {
      redirect = new URL(redirectUri);
    } catch {
      throw new errors.ValidationError('redirectUri must be a URL', {
        code: 'INVALID_URL',
        field: 'redirectUri',
      });
    }
    const adminPath = String(strapi.config.get('admin.path', '/admin') || '/admin').replace(
      /\/+$/,
      ''
    );
    const origins = new Set(
      [
        requestOrigin,
        originOf(strapi.config.get('admin.absoluteUrl')),
        originOf(strapi.config.get('server.absoluteUrl')),
      ].filter((o): o is string => Boolean(o))
    );
    const secure =
      redirect.protocol === 'https:' ||
      (redirect.protocol === 'http:' && isLoopback(redirect.hostname));
    if (
      !secure ||
      !origins.has(redirect.origin) ||
      redirect.pathname !== `${adminPath}${CALLBACK_PATH}` ||
      redirect.search ||
      redirect.hash ||
      redirect.username ||
      redirect.password
    ) {
      throw new errors.ValidationError(
        `redirectUri must be this admin's ${adminPath}${CALLBACK_PATH} page (https, or http on loopback)`,
        {
          code: 'INVALID_URL',
          field: 'redirectUri',
        }
      );
    }
    return redirect.toString();
  };

  const requireOAuthAccount = (row: AccountRow) => {
    if (row.authType !== 'oauth2')
      throw new errors.ValidationError(`SMTP account ${row.id} does not sign in with OAuth2`, {
        code: 'NOT_OAUTH',
        field: 'authType',
      });
    if (!row.oauthClientId)
      throw new errors.ValidationError('Enter the client id first', {
        code: 'REQUIRED',
        field: 'oauthClientId',
      });
    if (!row.oauthClientSecret)
      throw new errors.ValidationError('Enter the client secret first', {
        code: 'REQUIRED',
        field: 'oauthClientSecret',
      });
    if (!keyring.opens('oauthClientSecret', row.oauthClientSecret, row)) {
      throw new errors.ValidationError(
        'Enter the client secret again: the stored one was entered for another server or key.',
        {
          code: 'CLIENT_SECRET_REQUIRED',
          field: 'oauthClientSecret',
        }
      );
    }
  };

  const connect = {
    CALLBACK_PATH,

    /** Deletes the sign-ins that expired (each Connect does it; the hourly retention job too). */
    async pruneStates(now = Date.now()) {
      const rows = (await states().findMany({
        where: { key: { $startsWith: STATE_PREFIX } },
        select: ['id', 'value'],
      })) as { id: number; value: string }[];
      const expired = rows
        .filter((row) => {
          try {
            return (JSON.parse(row.value) as PendingSignIn).expiresAt < now;
          } catch {
            return true;
          }
        })
        .map((row) => row.id);
      if (expired.length) await states().deleteMany({ where: { id: { $in: expired } } });
      return expired.length;
    },

    /** Step 1: the provider's sign-in URL, with a one-time `state` bound to this admin. */
    async start(
      accountId: number,
      adminId: number,
      redirectUri: string,
      requestOrigin: string | null
    ) {
      const row = await store.get(accountId);
      requireOAuthAccount(row);
      const redirect = checkRedirectUri(redirectUri, requestOrigin);
      const endpoints = endpointsOf(row);
      await admitEndpoint(endpoints.authorizeUrl, 'oauthAuthorizeUrl');
      await admitEndpoint(endpoints.tokenUrl, 'oauthTokenUrl');
      await connect.pruneStates();
      const state = createState();
      const pkce = createPkce();
      const pending: PendingSignIn = {
        adminId,
        accountId,
        verifier: keyring.sealNote(`pkce:${state}`, pkce.verifier),
        redirectUri: redirect,
        expiresAt: Date.now() + deps.config().stateTtlMs,
      };
      await states().create({
        data: { key: `${STATE_PREFIX}${state}`, value: JSON.stringify(pending), type: 'object' },
      });
      const url = new URL(endpoints.authorizeUrl);
      const params: Record<string, string> = {
        response_type: 'code',
        client_id: row.oauthClientId ?? '',
        redirect_uri: pending.redirectUri,
        scope: endpoints.scope,
        state,
        code_challenge: pkce.challenge,
        code_challenge_method: pkce.method,
        ...(row.username ? { login_hint: row.username } : {}),
        ...endpoints.authorizeParams,
      };
      for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
      return { authorizationUrl: url.toString() };
    },

    /**
     * Step 2: the panel's callback page hands over `code` and `state` (with the admin's session). The state
     * is used once, by the admin who started it, before it expires. The account is verified over XOAUTH2
     * with the new token before it becomes `connected`, and stored only if nobody moved it meanwhile.
     */
    async complete(state: string, code: string, adminId: number): Promise<AccountRow> {
      const key = `${STATE_PREFIX}${state}`;
      const stored = (await states().findOne({ where: { key } })) as { value: string } | null;
      const { count } = await states().deleteMany({ where: { key } });
      const pending = stored && count === 1 ? (JSON.parse(stored.value) as PendingSignIn) : null;
      if (!pending || pending.expiresAt < Date.now() || pending.adminId !== adminId) {
        throw new errors.ValidationError(
          'This sign-in expired, was already used or was started by someone else: click Connect again.',
          { code: 'OAUTH_STATE_INVALID' }
        );
      }
      const row = await store.get(pending.accountId);
      requireOAuthAccount(row);
      await admitEndpoint(endpointsOf(row).tokenUrl, 'oauthTokenUrl');
      let set: TokenSet;
      try {
        set = await tokens.exchange(row, {
          code,
          redirectUri: pending.redirectUri,
          verifier: keyring.openNote(`pkce:${state}`, pending.verifier),
        });
      } catch (error) {
        throw new errors.ValidationError(
          `The provider refused the sign-in: ${(error as Error).message}`,
          {
            code: 'OAUTH_EXCHANGE_FAILED',
            oauthError: error instanceof OAuthTokenError ? error.oauthError : 'unknown',
          }
        );
      }
      if (!set.refreshToken) {
        throw new errors.ValidationError(
          'The provider gave no refresh token: allow offline access (scope offline_access, or access_type=offline).',
          {
            code: 'OAUTH_NO_REFRESH_TOKEN',
          }
        );
      }
      const result = await connections.verify(
        row,
        { kind: 'access-token', token: set.accessToken },
        await deps.verifyTimeoutMs()
      );
      if (!result.ok && result.failure) {
        const failure = result.failure;
        throw new errors.ValidationError(failure.message, {
          stage: failure.stage,
          code: failure.code,
          response: failure.response ?? null,
          responseCode: failure.responseCode ?? null,
        });
      }
      if (!(await store.storeTokens(row, set, true))) {
        throw new errors.ValidationError(
          'The account was changed while you signed in: click Connect again.',
          { code: 'OAUTH_STATE_INVALID' }
        );
      }
      tokens.remember(row, { token: set.accessToken, expiresAt: set.expiresAt });
      return store.get(row.id);
    },
  };
  return connect;
};
export type OAuthConnect = ReturnType<typeof createOAuthConnect>;
