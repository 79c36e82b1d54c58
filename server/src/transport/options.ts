import net from 'node:net';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { AuthType, SecurityMode } from '../../../shared/constants';
import type { PluginConfig } from '../config';

/** An account as the transport layer needs it: with the password already decrypted. */
export interface AccountConnection {
  host: string;
  /** The address the host policy checked: connect there (the name still names the server for TLS). */
  address?: string;
  port: number;
  security: SecurityMode;
  authType: AuthType;
  username?: string | null;
  password?: string | null;
}

const AUTH_METHODS: Record<Exclude<AuthType, 'none' | 'oauth2'>, string> = {
  plain: 'PLAIN',
  login: 'LOGIN',
  'cram-md5': 'CRAM-MD5',
};

/** OAuth2 accounts: a valid access token on demand (`renew`: the server refused the last one). */
export type TokenProvider = (renew: boolean) => Promise<{ token: string; expiresAt: number }>;

/** nodemailer's OAuth2 auth with our token provider in place of its own refresh (which drops rotated refresh tokens). */
const oauthAuth = (user: string, tokens: TokenProvider) => ({
  type: 'OAuth2' as const,
  user,
  provisionCallback: (
    _user: string,
    renew: boolean,
    callback: (error: Error | null, token?: string, expires?: number) => void
  ) => {
    tokens(renew).then(
      ({ token, expiresAt }) => callback(null, token, expiresAt),
      (error: Error) => callback(error)
    );
  },
});

/**
 * nodemailer options for one account. Security maps onto nodemailer's three switches so that
 * `starttls` really requires the upgrade (no silent plain-text fallback) and `none` never tries it.
 * Timeouts are always explicit: nodemailer's defaults (2 min connect, 30 s greeting) would hold a request for minutes.
 */
export const buildTransportOptions = (
  account: AccountConnection,
  config: Pick<PluginConfig, 'timeouts' | 'tls'>,
  tokens?: TokenProvider
): SMTPTransport.Options => ({
  host: account.address ?? account.host,
  port: account.port,
  secure: account.security === 'ssl',
  requireTLS: account.security === 'starttls',
  ignoreTLS: account.security === 'none',
  ...(account.authType === 'none'
    ? {}
    : account.authType === 'oauth2'
      ? {
          auth: oauthAuth(
            account.username ?? '',
            tokens ?? (() => Promise.reject(new Error('no OAuth2 token provider')))
          ) as never,
        }
      : {
          auth: { user: account.username ?? '', pass: account.password ?? '' },
          authMethod: AUTH_METHODS[account.authType],
        }),
  connectionTimeout: config.timeouts.connectionMs,
  greetingTimeout: config.timeouts.greetingMs,
  socketTimeout: config.timeouts.socketMs,
  // pinned to a checked address: TLS must still verify the certificate for the name (and send it as SNI)
  tls: {
    ...(account.address && !net.isIP(account.host) ? { servername: account.host } : {}),
    ...config.tls,
  },
  logger: false,
  debug: false,
});
