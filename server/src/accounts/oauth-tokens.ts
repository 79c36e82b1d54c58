import { endpointsOf } from '../../../shared/oauth-presets';
import { OAuthTokenError, requestTokens, type TokenSet } from '../oauth/token-client';
import { tokenForms } from '../redaction/redact';
import { bindingOf } from './binding';
import type { Keyring } from './keyring';
import type { AccountRow } from './row';
import type { AccountStore } from './store';

export interface OAuthTokenConfig {
  refreshMarginMs: number;
  lockMs: number;
  timeoutMs: number;
  maxResponseBytes: number;
}

const timeOf = (value: string | Date | null) => (value ? new Date(value).getTime() : 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Tokens remembered per destination for redaction: every pooled connection may hold an older one. */
const REMEMBERED_TOKENS = 32;

type Token = { token: string; expiresAt: number };

/**
 * Access tokens of OAuth2 accounts, **per destination**: a token is kept under the account's id *and* the
 * binding of where it goes (token endpoint, client, SMTP server), so a moved account finds none and its
 * sealed tokens do not open for the new place. Fresh tokens come from memory, else from the database
 * (another process may have refreshed), else from a refresh made under the account's lock (one process
 * refreshes; the others wait and reuse its token; a rotated refresh token is stored at once).
 */
export const createOAuthTokens = (deps: {
  store: AccountStore;
  keyring: Keyring;
  config: () => OAuthTokenConfig;
  admit: (host: string) => Promise<string>;
}) => {
  const { store, keyring } = deps;
  const cache = new Map<string, Token>();
  /** Every token handed out per destination (bounded), so a reply echoing any of them is redacted. */
  const handedOut = new Map<string, string[]>();
  const keyOf = (row: AccountRow) => `${row.id}|${bindingOf('oauthAccessToken', row)}`;

  const fresh = (token: Token | undefined, margin: number): token is Token =>
    Boolean(token && token.expiresAt - margin > Date.now());

  const remember = (key: string, token: Token) => {
    cache.set(key, token);
    const list = handedOut.get(key) ?? [];
    if (!list.includes(token.token)) list.push(token.token);
    handedOut.set(key, list.slice(-REMEMBERED_TOKENS));
    return token;
  };

  const storedToken = (row: AccountRow): Token | undefined => {
    if (!row.oauthAccessToken) return undefined;
    try {
      return {
        token: keyring.open('oauthAccessToken', row.oauthAccessToken, row),
        expiresAt: timeOf(row.oauthAccessExpiresAt),
      };
    } catch {
      return undefined;
    }
  };

  /** The row as stored now, only if it still has this destination and is signed in. */
  const current = async (row: AccountRow) => {
    const now = await store.findById(row.id);
    if (
      !now ||
      now.authType !== 'oauth2' ||
      now.oauthStatus !== 'connected' ||
      keyOf(now) !== keyOf(row)
    ) {
      throw new OAuthTokenError(
        'not_connected',
        'the account is not signed in at this destination'
      );
    }
    return now;
  };

  const refresh = async (row: AccountRow): Promise<TokenSet> => {
    const endpoints = endpointsOf(row);
    const { timeoutMs, maxResponseBytes } = deps.config();
    // opened for this destination only: a moved account cannot send these anywhere
    const refreshToken = row.oauthRefreshToken
      ? keyring.open('oauthRefreshToken', row.oauthRefreshToken, row)
      : '';
    const clientSecret = row.oauthClientSecret
      ? keyring.open('oauthClientSecret', row.oauthClientSecret, row)
      : '';
    try {
      return await requestTokens(
        endpoints.tokenUrl,
        {
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          client_id: row.oauthClientId ?? '',
          client_secret: clientSecret,
          // Microsoft wants the scope again on refresh; others ignore it
          ...(endpoints.scope ? { scope: endpoints.scope } : {}),
        },
        { timeoutMs, maxBytes: maxResponseBytes, admit: deps.admit }
      );
    } catch (error) {
      if (error instanceof OAuthTokenError && error.needsReauthorization)
        await store.markReauthRequired(row.id);
      throw error;
    }
  };

  const tokens = {
    /**
     * Connect's code exchange at the account's own token endpoint, with its client secret opened for that
     * destination only (an account moved since the secret was typed cannot send it anywhere).
     */
    async exchange(
      row: AccountRow,
      grant: { code: string; redirectUri: string; verifier: string }
    ): Promise<TokenSet> {
      const endpoints = endpointsOf(row);
      const { timeoutMs, maxResponseBytes } = deps.config();
      const clientSecret = row.oauthClientSecret
        ? keyring.open('oauthClientSecret', row.oauthClientSecret, row)
        : '';
      return requestTokens(
        endpoints.tokenUrl,
        {
          grant_type: 'authorization_code',
          code: grant.code,
          redirect_uri: grant.redirectUri,
          client_id: row.oauthClientId ?? '',
          client_secret: clientSecret,
          code_verifier: grant.verifier,
        },
        { timeoutMs, maxBytes: maxResponseBytes, admit: deps.admit }
      );
    },

    /**
     * A valid access token for this account at this destination (nodemailer's provisionCallback). `renew`: the
     * server refused the last one. Throws OAuthTokenError (code EAUTH) when the account is not signed in here.
     */
    async accessToken(row: AccountRow, renew = false): Promise<Token> {
      const key = keyOf(row);
      const { refreshMarginMs: margin, lockMs, timeoutMs } = deps.config();
      const known = cache.get(key);
      if (!renew && fresh(known, margin)) return known;

      const deadline = Date.now() + lockMs + timeoutMs;
      for (;;) {
        const now = await current(row);
        const stored = storedToken(now);
        // someone else refreshed since the token that failed (or we hold none): use theirs
        if (fresh(stored, margin) && !(renew && (!known || stored.token === known.token)))
          return remember(key, stored);
        if (await store.tryLockRefresh(row.id, lockMs)) {
          try {
            // another process may have refreshed between our read and the lock: then its token serves, and the
            // refresh token it rotated is the one we must not spend again
            const locked = await current(row);
            const theirs = storedToken(locked);
            if (fresh(theirs, margin) && theirs.token !== stored?.token)
              return remember(key, theirs);
            const set = await refresh(locked);
            await store.storeTokens(locked, set);
            return remember(key, { token: set.accessToken, expiresAt: set.expiresAt });
          } finally {
            await store.unlockRefresh(row.id);
          }
        }
        if (Date.now() > deadline)
          throw new OAuthTokenError(
            'lock_timeout',
            'another process held the refresh lock too long'
          );
        await sleep(100);
      }
    },

    /** Connect's fresh token, for the destination it was verified at. */
    remember: (row: AccountRow, token: Token) => void remember(keyOf(row), token),

    /** Forms of every token handed out for this account at this destination, to cut out of replies (see redaction). */
    formsOf(row: AccountRow): string[] {
      return (handedOut.get(keyOf(row)) ?? []).flatMap((token) =>
        tokenForms(row.username ?? '', token)
      );
    },

    /** The account changed (or went away): its tokens in memory are dropped, whatever destination they were for. */
    forget(accountId: number | null) {
      for (const key of [...cache.keys()])
        if (accountId === null || key.startsWith(`${accountId}|`)) cache.delete(key);
    },
  };
  return tokens;
};

export type OAuthTokens = ReturnType<typeof createOAuthTokens>;
