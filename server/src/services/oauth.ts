import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, SMTP_ACCOUNT_UID } from '../../../shared/constants';
import type { PluginConfig } from '../config';
import { getService } from '../get-service';
import { createPkce, createState } from '../oauth/pkce';
import { endpointsOf } from '../../../shared/oauth-presets';
import { OAuthTokenError, requestTokens, type TokenSet } from '../oauth/token-client';
import { tokenForms } from '../redaction/redact';
import { createHostPolicy, HostDeniedError } from '../transport/host-policy';
import type { StoredAccount } from './accounts';

/** The OAuth2 columns of an account row (secrets sealed). */
export interface OAuthRow extends StoredAccount {
  oauthProvider: 'microsoft' | 'google' | 'generic' | null;
  oauthTenant: string | null;
  oauthClientId: string | null;
  oauthClientSecret: string | null;
  oauthAuthorizeUrl: string | null;
  oauthTokenUrl: string | null;
  oauthScope: string | null;
  oauthRefreshToken: string | null;
  oauthAccessToken: string | null;
  oauthAccessExpiresAt: string | Date | null;
  oauthStatus: 'pending' | 'connected' | 'reauth-required' | null;
  oauthLockUntil: string | Date | null;
}

interface PendingSignIn {
  adminId: number;
  accountId: number;
  verifier: string;
  redirectUri: string;
  expiresAt: number;
}

const STATE_KEY = (state: string) => `plugin_${PLUGIN_ID}_oauth_state_${state}`;
const CALLBACK_PATH = `/plugins/${PLUGIN_ID}/oauth/callback`;
const timeOf = (value: string | Date | null) => (value ? new Date(value).getTime() : 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * OAuth2 (XOAUTH2) accounts: the authorization-code flow with PKCE and `state` bound to the admin,
 * and access tokens that survive real providers — refreshed ahead of expiry, a rotated refresh token
 * persisted, one process refreshing an account at a time (a lock row in the database; the others
 * wait and reuse the winner's token), `invalid_grant` marking the account "needs re-authorization".
 */
const createOAuthService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get<PluginConfig>(`plugin::${PLUGIN_ID}`);
  const rows = () => strapi.db.query(SMTP_ACCOUNT_UID);
  const secrets = () => getService(strapi, 'secrets');
  const table = () => strapi.db.metadata.get(SMTP_ACCOUNT_UID);
  const column = (attribute: string) =>
    (table().attributes as Record<string, { columnName?: string }>)[attribute]?.columnName ?? attribute;
  /** Access tokens in memory: a send needs no database read while its token is fresh. */
  const cache = new Map<number, { token: string; expiresAt: number }>();

  const findRow = async (id: number) => {
    const row = Number.isSafeInteger(id) && id > 0 ? ((await rows().findOne({ where: { id } })) as OAuthRow | null) : null;
    if (!row) throw new errors.NotFoundError(`SMTP account ${id} not found`, { code: 'NOT_FOUND' });
    return row;
  };

  const open = (sealed: string | null) => (sealed ? secrets().decrypt(sealed) : '');

  /** The token endpoint gets the client secret: https only (loopback aside), and the host policy applies. */
  const admitEndpoint = async (url: string, field: string) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new errors.ValidationError(`${field} must be a URL`, { code: 'INVALID_URL', field });
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
      throw new errors.ValidationError(`${field} must be an https URL`, { code: 'INVALID_URL', field });
    }
    try {
      await createHostPolicy(config().hosts).admit(parsed.hostname);
    } catch (error) {
      if (error instanceof HostDeniedError) throw new errors.ValidationError(error.message, { code: 'HOST_DENIED', field });
      throw error;
    }
  };

  const requireOAuthAccount = (row: OAuthRow) => {
    if (row.authType !== 'oauth2') {
      throw new errors.ValidationError(`SMTP account ${row.id} does not sign in with OAuth2`, { code: 'NOT_OAUTH', field: 'authType' });
    }
    if (!row.oauthClientId) throw new errors.ValidationError('Enter the client id first', { code: 'REQUIRED', field: 'oauthClientId' });
    if (!row.oauthClientSecret) throw new errors.ValidationError('Enter the client secret first', { code: 'REQUIRED', field: 'oauthClientSecret' });
  };

  /** Persists a token set straight to the columns (no lifecycles: nothing else changes, no reload needed). */
  const storeTokens = async (id: number, tokens: TokenSet) => {
    const update: Record<string, unknown> = {
      [column('oauthAccessToken')]: secrets().encrypt(tokens.accessToken),
      [column('oauthAccessExpiresAt')]: new Date(tokens.expiresAt),
      [column('oauthLockUntil')]: null,
    };
    if (tokens.refreshToken) update[column('oauthRefreshToken')] = secrets().encrypt(tokens.refreshToken);
    await strapi.db.connection(table().tableName).where({ id }).update(update);
    cache.set(id, { token: tokens.accessToken, expiresAt: tokens.expiresAt });
  };

  /** One conditional UPDATE: true when this process now holds the refresh lock of the account. */
  const tryLock = async (id: number) => {
    const now = new Date();
    const until = new Date(now.getTime() + config().oauth.lockMs);
    const lock = column('oauthLockUntil');
    const updated = await strapi.db
      .connection(table().tableName)
      .where({ id })
      .andWhere((q) => q.whereNull(lock).orWhere(lock, '<', now))
      .update({ [lock]: until });
    return Number(updated) === 1;
  };

  const unlock = (id: number) => strapi.db.connection(table().tableName).where({ id }).update({ [column('oauthLockUntil')]: null });

  /** invalid_grant: the account leaves routing (like inactive) until an admin signs in again; an event says so. */
  const markReauthRequired = async (row: OAuthRow, reason: string) => {
    cache.delete(row.id);
    await rows().update({ where: { id: row.id }, data: { oauthStatus: 'reauth-required', oauthAccessToken: null, updatedAt: new Date() } as never });
    getService(strapi, 'accountIndex').invalidate();
    strapi.log.warn(`[${PLUGIN_ID}] account #${row.id} <${row.email}> needs re-authorization: ${reason}`);
    await getService(strapi, 'accountWatch').report(row, { reauth: true, reason });
  };

  const fresh = (token: { expiresAt: number } | undefined, margin: number) => Boolean(token && token.expiresAt - margin > Date.now());

  const refresh = async (row: OAuthRow): Promise<TokenSet> => {
    const endpoints = endpointsOf(row);
    try {
      return await requestTokens(
        endpoints.tokenUrl,
        {
          grant_type: 'refresh_token',
          refresh_token: open(row.oauthRefreshToken),
          client_id: row.oauthClientId ?? '',
          client_secret: open(row.oauthClientSecret),
          // Microsoft wants the scope again on refresh; others ignore it
          ...(endpoints.scope ? { scope: endpoints.scope } : {}),
        },
        config().oauth.timeoutMs
      );
    } catch (error) {
      if (error instanceof OAuthTokenError && error.needsReauthorization) await markReauthRequired(row, error.oauthError);
      throw error;
    }
  };

  return {
    CALLBACK_PATH,

    /** Step 1 of Connect: the provider's sign-in URL, with a one-time `state` bound to this admin. */
    async startConnect(accountId: number, adminId: number, redirectUri: string) {
      const row = await findRow(accountId);
      requireOAuthAccount(row);
      let redirect: URL;
      try {
        redirect = new URL(redirectUri);
      } catch {
        throw new errors.ValidationError('redirectUri must be a URL', { code: 'INVALID_URL', field: 'redirectUri' });
      }
      if (!/^https?:$/.test(redirect.protocol) || !redirect.pathname.endsWith(CALLBACK_PATH) || redirect.search || redirect.hash) {
        throw new errors.ValidationError(`redirectUri must be the panel's ${CALLBACK_PATH} page`, { code: 'INVALID_URL', field: 'redirectUri' });
      }
      const endpoints = endpointsOf(row);
      await admitEndpoint(endpoints.authorizeUrl, 'oauthAuthorizeUrl');
      await admitEndpoint(endpoints.tokenUrl, 'oauthTokenUrl');
      const state = createState();
      const pkce = createPkce();
      const pending: PendingSignIn = {
        adminId,
        accountId,
        verifier: secrets().encrypt(pkce.verifier),
        redirectUri: redirect.toString(),
        expiresAt: Date.now() + config().oauth.stateTtlMs,
      };
      await strapi.db.query('strapi::core-store').create({ data: { key: STATE_KEY(state), value: JSON.stringify(pending), type: 'object' } });
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
     * Step 2: the panel's callback page hands over `code` and `state` (with the admin's session).
     * The state is used once, by the admin who started, before it expires. The account is verified
     * over XOAUTH2 with the new token before it becomes `connected`: one that cannot log in is not usable.
     */
    async completeConnect(state: string, code: string, adminId: number) {
      const key = STATE_KEY(state);
      const stored = (await strapi.db.query('strapi::core-store').findOne({ where: { key } })) as { value: string } | null;
      const { count } = await strapi.db.query('strapi::core-store').deleteMany({ where: { key } });
      const pending = stored && count === 1 ? (JSON.parse(stored.value) as PendingSignIn) : null;
      if (!pending || pending.expiresAt < Date.now() || pending.adminId !== adminId) {
        throw new errors.ValidationError('This sign-in expired, was already used or was started by someone else: click Connect again.', {
          code: 'OAUTH_STATE_INVALID',
        });
      }
      const row = await findRow(pending.accountId);
      requireOAuthAccount(row);
      const endpoints = endpointsOf(row);
      await admitEndpoint(endpoints.tokenUrl, 'oauthTokenUrl');
      let tokens: TokenSet;
      try {
        tokens = await requestTokens(
          endpoints.tokenUrl,
          {
            grant_type: 'authorization_code',
            code,
            redirect_uri: pending.redirectUri,
            client_id: row.oauthClientId ?? '',
            client_secret: open(row.oauthClientSecret),
            code_verifier: secrets().decrypt(pending.verifier),
          },
          config().oauth.timeoutMs
        );
      } catch (error) {
        throw new errors.ValidationError(`The provider refused the sign-in: ${(error as Error).message}`, {
          code: 'OAUTH_EXCHANGE_FAILED',
          oauthError: error instanceof OAuthTokenError ? error.oauthError : 'unknown',
        });
      }
      if (!tokens.refreshToken) {
        throw new errors.ValidationError('The provider gave no refresh token: allow offline access (scope offline_access, or access_type=offline).', {
          code: 'OAUTH_NO_REFRESH_TOKEN',
        });
      }
      await getService(strapi, 'saveGuard').verifyOAuth(row, tokens.accessToken);
      await rows().update({
        where: { id: row.id },
        data: {
          oauthRefreshToken: tokens.refreshToken,
          oauthAccessToken: tokens.accessToken,
          oauthAccessExpiresAt: new Date(tokens.expiresAt),
          oauthStatus: 'connected',
          oauthLockUntil: null,
          updatedAt: new Date(),
        } as never,
      });
      cache.set(row.id, { token: tokens.accessToken, expiresAt: tokens.expiresAt });
      return getService(strapi, 'accounts').findOne(row.id);
    },

    /**
     * A valid access token for a send (nodemailer's provisionCallback). `renew`: the server refused
     * the last one. Fresh tokens come from memory, else from the database (another process may have
     * refreshed), else from a refresh made under the account's lock.
     */
    async accessToken(accountId: number, renew = false): Promise<{ token: string; expiresAt: number }> {
      const margin = config().oauth.refreshMarginMs;
      const known = cache.get(accountId);
      if (!renew && known && fresh(known, margin)) return known;

      const deadline = Date.now() + config().oauth.lockMs + config().oauth.timeoutMs;
      for (;;) {
        const row = await findRow(accountId);
        if (row.authType !== 'oauth2' || row.oauthStatus !== 'connected') {
          throw new OAuthTokenError('not_connected', 'the account is not signed in');
        }
        const stored = row.oauthAccessToken ? { token: open(row.oauthAccessToken), expiresAt: timeOf(row.oauthAccessExpiresAt) } : undefined;
        // someone else refreshed since the token that failed (or we hold none): use theirs
        const usable = stored && fresh(stored, margin) && !(renew && (!known || stored.token === known.token));
        if (usable) {
          cache.set(accountId, stored);
          return stored;
        }
        if (await tryLock(accountId)) {
          try {
            // another process may have refreshed between our read and the lock: then its token serves,
            // and the refresh token it rotated is the one we must not spend again
            const locked = await findRow(accountId);
            const current = locked.oauthAccessToken ? { token: open(locked.oauthAccessToken), expiresAt: timeOf(locked.oauthAccessExpiresAt) } : undefined;
            if (current && fresh(current, margin) && current.token !== stored?.token) {
              cache.set(accountId, current);
              return current;
            }
            const tokens = await refresh(locked);
            await storeTokens(accountId, tokens);
            return { token: tokens.accessToken, expiresAt: tokens.expiresAt };
          } finally {
            await unlock(accountId);
          }
        }
        if (Date.now() > deadline) throw new OAuthTokenError('lock_timeout', 'another process held the refresh lock too long');
        await sleep(100);
      }
    },

    /** Forms of the current access token to cut out of replies (see redaction). */
    tokenFormsOf(accountId: number, user: string) {
      const known = cache.get(accountId);
      return known ? tokenForms(user, known.token) : [];
    },

    forget(accountId: number) {
      cache.delete(accountId);
    },
  };
};

export type OAuthService = ReturnType<typeof createOAuthService>;
export default createOAuthService;
