import { endpointsOf } from '../../../shared/oauth-presets';
import type { AccountRow } from './row';

/**
 * Where each secret may go. A secret is sealed with its binding as AES-GCM's additional data (see
 * crypto/secret-box), so it opens only for the destination it was entered (and verified) for. Any path
 * that hands an account's secret to another server — a moved port, an authType round trip, a row copied
 * with one field changed — must open it with the new binding, and fails: a forgotten rule fails closed.
 */
export const SECRET_FIELDS = [
  'password',
  'oauthClientSecret',
  'oauthRefreshToken',
  'oauthAccessToken',
] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

/** Secrets an admin types (empty on an update keeps the stored one). */
export const ENTERED_SECRETS = ['password', 'oauthClientSecret'] as const;
/** Secrets the OAuth2 flow writes (null clears them). */
export const ISSUED_SECRETS = ['oauthRefreshToken', 'oauthAccessToken'] as const;

/** The SMTP server a password is sent to, and how. */
export const SMTP_DESTINATION = ['host', 'port', 'security', 'authType', 'username'] as const;
/**
 * Where OAuth2 credentials go: the client secret and refresh token to the token endpoint (provider, tenant,
 * URLs, client id), the access tokens over XOAUTH2 to the SMTP server. One binding for the three: moving any
 * of it needs the client secret typed again, and drops the tokens.
 */
export const OAUTH_DESTINATION = [
  ...SMTP_DESTINATION,
  'oauthProvider',
  'oauthTenant',
  'oauthAuthorizeUrl',
  'oauthTokenUrl',
  'oauthClientId',
] as const;

export type DestinationField = (typeof OAUTH_DESTINATION)[number];
export type Destination = Pick<AccountRow, 'host' | 'port' | 'security' | 'authType'> &
  Partial<Pick<AccountRow, DestinationField>>;

export const destinationFieldsOf = (field: SecretField): readonly DestinationField[] =>
  field === 'password' ? SMTP_DESTINATION : OAUTH_DESTINATION;

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

const smtpPart = (row: Destination) => [
  text(row.host).trim().toLowerCase(),
  Number(row.port),
  text(row.security),
  text(row.authType),
  text(row.username),
];

/** The binding of a secret field on an account as it is (or will be) stored. */
export const bindingOf = (field: SecretField, row: Destination): string => {
  if (field === 'password') return JSON.stringify(['smtp-password', ...smtpPart(row)]);
  const endpoints = endpointsOf(row);
  return JSON.stringify([
    'oauth2',
    ...smtpPart(row),
    text(row.oauthProvider),
    text(row.oauthClientId),
    endpoints.tokenUrl,
    endpoints.authorizeUrl,
  ]);
};

/** The destination fields of `field` that differ between two versions of an account. */
export const movedFields = (
  field: SecretField,
  before: Destination,
  after: Destination
): DestinationField[] => {
  const normal = (name: DestinationField, value: unknown) =>
    name === 'host' ? text(value).trim().toLowerCase() : text(value).trim();
  return destinationFieldsOf(field).filter(
    (name) => normal(name, before[name]) !== normal(name, after[name])
  );
};
