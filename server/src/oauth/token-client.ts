/**
 * The token endpoint, spoken with fetch: the authorization-code exchange and refreshes. Errors
 * carry the OAuth error code (`invalid_grant` …) and never a token or the client secret.
 */
export interface TokenSet {
  accessToken: string;
  /** A rotated refresh token, when the provider issued one (Microsoft does on every refresh). */
  refreshToken?: string;
  /** Epoch ms. */
  expiresAt: number;
}

export class OAuthTokenError extends Error {
  /** nodemailer-style code, so the send path classifies it like a failed login (failover-safe). */
  readonly code = 'EAUTH';
  constructor(
    /** The provider's `error` (RFC 6749 §5.2), e.g. `invalid_grant`; or `http_<status>` / `network`. */
    readonly oauthError: string,
    description: string
  ) {
    super(`OAuth2 token request failed: ${oauthError}${description ? ` (${description})` : ''}`);
    this.name = 'OAuthTokenError';
  }

  /** The grant is gone (revoked, expired, password changed): only a new sign-in helps. */
  get needsReauthorization() {
    return this.oauthError === 'invalid_grant' || this.oauthError === 'unauthorized_client' || this.oauthError === 'invalid_client';
  }
}

const describe = (text: unknown) => (typeof text === 'string' ? text.replace(/[\r\n]+/g, ' ').slice(0, 300) : '');

export const requestTokens = async (tokenUrl: string, params: Record<string, string>, timeoutMs: number): Promise<TokenSet> => {
  let response: Response;
  try {
    response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(params).toString(),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new OAuthTokenError('network', describe((error as Error).message));
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new OAuthTokenError(typeof body.error === 'string' ? body.error.slice(0, 100) : `http_${response.status}`, describe(body.error_description));
  }
  const expiresIn = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
    expiresAt: Date.now() + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000,
  };
};
