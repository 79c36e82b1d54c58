import type { AuthType, OAuthProvider, SecurityMode } from '../../../shared/constants';
import type { SmtpAccount, SmtpAccountInput } from '../../../shared/contracts/accounts';

/** What the form edits; the port stays optional while the field is being typed into. */
export interface AccountFormValues {
  name: string;
  email: string;
  host: string;
  port: number | undefined;
  security: SecurityMode;
  authType: AuthType;
  username: string;
  password: string;
  active: boolean;
  preferForNewsletters: boolean;
  /** Sending limits; undefined (an empty field) is no limit, sent as null. */
  limitPerMinute: number | undefined;
  limitPerHour: number | undefined;
  limitPerDay: number | undefined;
  /** OAuth2 only; the client secret is write-only like the password (empty keeps the stored one). */
  oauthProvider: OAuthProvider;
  oauthTenant: string;
  oauthClientId: string;
  oauthClientSecret: string;
  oauthAuthorizeUrl: string;
  oauthTokenUrl: string;
  oauthScope: string;
}

export const EMPTY_ACCOUNT: AccountFormValues = {
  name: '',
  email: '',
  host: '',
  port: 587,
  security: 'starttls',
  authType: 'plain',
  username: '',
  password: '',
  active: true,
  preferForNewsletters: false,
  limitPerMinute: undefined,
  limitPerHour: undefined,
  limitPerDay: undefined,
  oauthProvider: 'microsoft',
  oauthTenant: '',
  oauthClientId: '',
  oauthClientSecret: '',
  oauthAuthorizeUrl: '',
  oauthTokenUrl: '',
  oauthScope: '',
};

/** The usual port for each security mode, offered when the admin switches modes. */
export const CONVENTIONAL_PORTS: Record<SecurityMode, number> = {
  none: 25,
  ssl: 465,
  starttls: 587,
};

export const toFormValues = (account: SmtpAccount): AccountFormValues => ({
  name: account.name,
  email: account.email,
  host: account.host,
  port: account.port,
  security: account.security,
  authType: account.authType,
  username: account.username,
  // write-only: the server never sends it back, and an empty one keeps the stored password
  password: '',
  active: account.active,
  preferForNewsletters: account.preferForNewsletters,
  limitPerMinute: account.limitPerMinute ?? undefined,
  limitPerHour: account.limitPerHour ?? undefined,
  limitPerDay: account.limitPerDay ?? undefined,
  oauthProvider: account.oauthProvider ?? 'microsoft',
  oauthTenant: account.oauthTenant,
  oauthClientId: account.oauthClientId,
  oauthClientSecret: '',
  oauthAuthorizeUrl: account.oauthAuthorizeUrl,
  oauthTokenUrl: account.oauthTokenUrl,
  oauthScope: account.oauthScope,
});

const OAUTH_TEXT_FIELDS = [
  'oauthTenant',
  'oauthClientId',
  'oauthAuthorizeUrl',
  'oauthTokenUrl',
  'oauthScope',
] as const;

/**
 * The request body; an empty password (or client secret) is left out so that an edit keeps the stored one.
 * OAuth2 fields go only with an OAuth2 account and, on edit, only when changed: the server compares each
 * with the stored value (null there, '' here) to decide whether the sign-in or the secret must be redone.
 */
export const toInput = (
  values: AccountFormValues,
  stored?: SmtpAccount | null
): SmtpAccountInput => {
  const { password, port, oauthClientSecret, oauthProvider, ...rest } = values;
  const input: SmtpAccountInput = {
    name: rest.name.trim(),
    email: rest.email.trim(),
    host: rest.host.trim(),
    port: port as number,
    security: rest.security,
    authType: rest.authType,
    username: rest.username.trim(),
    active: rest.active,
    preferForNewsletters: rest.preferForNewsletters,
    // sent as typed (0 or -1 too): the server's range check names the field
    limitPerMinute: rest.limitPerMinute ?? null,
    limitPerHour: rest.limitPerHour ?? null,
    limitPerDay: rest.limitPerDay ?? null,
    ...(password && rest.authType !== 'oauth2' ? { password } : {}),
  };
  if (rest.authType !== 'oauth2') return input;
  if (!stored || stored.oauthProvider !== oauthProvider) input.oauthProvider = oauthProvider;
  for (const field of OAUTH_TEXT_FIELDS) {
    const value = rest[field].trim();
    if (!stored || stored[field] !== value) input[field] = value === '' ? null : value;
  }
  if (oauthClientSecret) input.oauthClientSecret = oauthClientSecret;
  return input;
};

/**
 * Fields that point the account at another server (or login): the server asks for the password again
 * before it sends the stored one there (PASSWORD_REQUIRED, server/src/services/save-guard.ts).
 */
export const DESTINATION_FIELDS = ['host', 'port', 'security', 'authType', 'username'] as const;

/** Whether these edits send the stored password to a new destination (the password must be re-entered). */
export const movesPassword = (stored: SmtpAccount, values: AccountFormValues) => {
  if (values.authType === 'none' || values.authType === 'oauth2' || values.password) return false;
  const edited = toInput(values);
  return DESTINATION_FIELDS.some((field) => edited[field] !== stored[field]);
};
