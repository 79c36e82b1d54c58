import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/**
 * The token endpoint: the authorization-code exchange and refreshes. The connection goes to the address
 * the host policy checked (no second DNS answer can lead elsewhere), the whole exchange is bounded by one
 * deadline, and the answer is read up to a cap. Errors carry the OAuth error code (`invalid_grant` …) and
 * never a token or the client secret.
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
    /** The provider's `error` (RFC 6749 §5.2), e.g. `invalid_grant`; or `http_<status>`, `network`, `timeout`, `response_too_large`. */
    readonly oauthError: string,
    description: string
  ) {
    super(`OAuth2 token request failed: ${oauthError}${description ? ` (${description})` : ''}`);
    this.name = 'OAuthTokenError';
  }

  /** The grant is gone (revoked, expired, password changed): only a new sign-in helps. */
  get needsReauthorization() {
    return needsReauthorization(this.oauthError);
  }
}

export const needsReauthorization = (oauthError: unknown) =>
  oauthError === 'invalid_grant' ||
  oauthError === 'unauthorized_client' ||
  oauthError === 'invalid_client';

export interface TokenRequestLimits {
  /** The whole exchange: connect, request, answer. */
  timeoutMs: number;
  /** The most of the answer read (a token answer is a few kB). */
  maxBytes: number;
  /** The host policy: the address to connect to for this host name (throws when refused). */
  admit: (host: string) => Promise<string>;
}

const describe = (text: unknown) =>
  typeof text === 'string' ? text.replace(/[\r\n]+/g, ' ').slice(0, 300) : '';

type LookupCallback = (
  error: Error | null,
  address: string | { address: string; family: number }[],
  family?: number
) => void;

/** A `lookup` that answers only the checked address, whatever the name resolves to now. */
const pinnedLookup =
  (address: string) => (_hostname: string, options: unknown, callback?: LookupCallback) => {
    const done = (typeof options === 'function' ? options : callback) as LookupCallback;
    const family = net.isIP(address);
    if (typeof options === 'object' && options && (options as { all?: boolean }).all)
      done(null, [{ address, family }]);
    else done(null, address, family);
  };

const post = (url: URL, body: string, limits: TokenRequestLimits, address: string) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        'content-length': Buffer.byteLength(body),
      },
      lookup: pinnedLookup(address) as never,
    });
    const fail = (error: OAuthTokenError) => {
      clearTimeout(deadline);
      request.destroy();
      reject(error);
    };
    const deadline = setTimeout(
      () =>
        fail(new OAuthTokenError('timeout', `no complete answer within ${limits.timeoutMs} ms`)),
      limits.timeoutMs
    );
    request.on('error', (error) => fail(new OAuthTokenError('network', describe(error.message))));
    request.on('response', (response) => {
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes)
        return fail(new OAuthTokenError('response_too_large', `over ${limits.maxBytes} bytes`));
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes)
          return fail(new OAuthTokenError('response_too_large', `over ${limits.maxBytes} bytes`));
        chunks.push(chunk);
      });
      response.on('error', (error) =>
        fail(new OAuthTokenError('network', describe(error.message)))
      );
      response.on('end', () => {
        clearTimeout(deadline);
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.end(body);
  });

const parseJson = (text: string): Record<string, unknown> => {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

export const requestTokens = async (
  tokenUrl: string,
  params: Record<string, string>,
  limits: TokenRequestLimits
): Promise<TokenSet> => {
  const url = new URL(tokenUrl);
  const address = await limits.admit(url.hostname.replace(/^\[|\]$/g, ''));
  const { status, text } = await post(url, new URLSearchParams(params).toString(), limits, address);
  const body = parseJson(text);
  if (status < 200 || status >= 300 || typeof body.access_token !== 'string') {
    throw new OAuthTokenError(
      typeof body.error === 'string' ? body.error.slice(0, 100) : `http_${status}`,
      describe(body.error_description)
    );
  }
  const expiresIn = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
    expiresAt: Date.now() + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000,
  };
};
