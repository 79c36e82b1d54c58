import type { AuthType, LimitCounts, OAuthProvider, SecurityMode } from '../../../shared/constants';
import type { SmtpAccount, SmtpAccountBody } from '../../../shared/contracts/accounts';

/** What the form edits; the port is undefined while its field is empty (emptied, or being typed into). */
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
  /** What the limits count. */
  limitCounts: LimitCounts;
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
  limitCounts: 'messages',
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
  limitCounts: account.limitCounts ?? 'messages',
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
 * What the form sends. A field the admin emptied goes as empty ('' for a text, null for the port and the
 * limits), never left out: left out would read as "unchanged" on an update, so the server keeps the old
 * value; sent empty, a required one is refused (REQUIRED). The shared contract still types the port as a
 * number (an update takes null since issue 18), hence the port of its own here.
 */
export type AccountFormInput = SmtpAccountBody;

/**
 * The request body; an empty password (or client secret) is left out so that an edit keeps the stored one:
 * a secret is write-only, so an empty field is "keep", not "emptied".
 * OAuth2 fields go only with an OAuth2 account and, on edit, only when changed: the server compares each
 * with the stored value (null there, '' here) to decide whether the sign-in or the secret must be redone.
 */
export const toInput = (
  values: AccountFormValues,
  stored?: SmtpAccount | null
): AccountFormInput => {
  const { password, port, oauthClientSecret, oauthProvider, ...rest } = values;
  const input: AccountFormInput = {
    name: rest.name.trim(),
    email: rest.email.trim(),
    host: rest.host.trim(),
    port: port ?? null,
    security: rest.security,
    authType: rest.authType,
    username: rest.username.trim(),
    active: rest.active,
    preferForNewsletters: rest.preferForNewsletters,
    // sent as typed (0 or -1 too): the server's range check names the field
    limitPerMinute: rest.limitPerMinute ?? null,
    limitPerHour: rest.limitPerHour ?? null,
    limitPerDay: rest.limitPerDay ?? null,
    limitCounts: rest.limitCounts,
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

const isPasswordAuth = (authType: AuthType) => authType !== 'none' && authType !== 'oauth2';

/**
 * Whether these edits point the account at a new destination, so that the password must be (re-)entered.
 * It holds while the edit is in the form, typed password or not: the field stays required through a
 * failed save. An emptied field is no destination yet (it is "required" on its own).
 */
export const movesPassword = (stored: SmtpAccount, values: AccountFormValues) => {
  if (!isPasswordAuth(values.authType)) return false;
  const edited = toInput(values);
  return DESTINATION_FIELDS.some(
    (field) => edited[field] !== '' && edited[field] !== null && edited[field] !== stored[field]
  );
};

/** The fields a client-side check may name as missing (each has a label in utils/fieldLabels). */
export type RequiredField =
  | 'email'
  | 'host'
  | 'port'
  | 'username'
  | 'password'
  | 'oauthTenant'
  | 'oauthClientId'
  | 'oauthClientSecret'
  | 'oauthAuthorizeUrl'
  | 'oauthTokenUrl';

/**
 * The required fields that are empty, in form order: what the server's complete-account check would refuse
 * as REQUIRED, checked before the request. A secret is missing only when none is stored (empty keeps it);
 * a password the new destination needs is the server's PASSWORD_REQUIRED, which says why.
 */
export const missingFields = (
  values: AccountFormValues,
  stored?: SmtpAccount | null
): RequiredField[] => {
  const blank = (value: string) => value.trim() === '';
  const isOAuth = values.authType === 'oauth2';
  const checks: [RequiredField, boolean][] = [
    ['email', blank(values.email)],
    ['host', blank(values.host)],
    ['port', values.port === undefined],
    ['username', values.authType !== 'none' && blank(values.username)],
    ['password', isPasswordAuth(values.authType) && values.password === '' && !stored?.hasPassword],
    ['oauthTenant', isOAuth && values.oauthProvider === 'microsoft' && blank(values.oauthTenant)],
    ['oauthClientId', isOAuth && blank(values.oauthClientId)],
    ['oauthClientSecret', isOAuth && values.oauthClientSecret === '' && !stored?.hasClientSecret],
    [
      'oauthAuthorizeUrl',
      isOAuth && values.oauthProvider === 'generic' && blank(values.oauthAuthorizeUrl),
    ],
    ['oauthTokenUrl', isOAuth && values.oauthProvider === 'generic' && blank(values.oauthTokenUrl)],
  ];
  return checks.filter(([, missing]) => missing).map(([field]) => field);
};
