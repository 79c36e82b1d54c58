import type { AuthType, LimitCounts, OAuthProvider, OAuthStatus, SecurityMode } from '../constants';
import type { DomainCheck } from './deliverability';

/**
 * Whether the stored secrets can be used: `ok`; `unreadable` — the password, or an OAuth2 account's client
 * secret or refresh token, is stored but sealed with another encryption key (imported from another app, or
 * the key changed): the account does not send until the password is re-entered (OAuth2: the client secret
 * entered again and the account reconnected); `none` — no secret stored.
 */
export type PasswordState = 'ok' | 'unreadable' | 'none';

/** What the API answers for an account: never the password, only whether one is stored and usable. */
export interface SmtpAccount {
  id: number;
  documentId: string;
  name: string;
  email: string;
  host: string;
  port: number;
  security: SecurityMode;
  authType: AuthType;
  username: string;
  hasPassword: boolean;
  passwordState: PasswordState;
  active: boolean;
  preferForNewsletters: boolean;
  /** OAuth2 accounts (authType "oauth2"): the app registration, never its secret or the tokens. */
  oauthProvider: OAuthProvider | null;
  oauthTenant: string;
  oauthClientId: string;
  hasClientSecret: boolean;
  oauthAuthorizeUrl: string;
  oauthTokenUrl: string;
  oauthScope: string;
  /** Sending limits (null: none). Kept across every process; see the setting `limitOverflow`. */
  limitPerMinute: number | null;
  limitPerHour: number | null;
  limitPerDay: number | null;
  /** What the limits count: `messages` (each mail 1) or `recipients` (each mail its number of recipients). */
  limitCounts: LimitCounts;
  /** `connected` sends; `pending` waits for Connect; `reauth-required` lost its grant. null for password accounts. */
  oauthStatus: OAuthStatus | null;
  /** The last check of the From domain for this account (SPF for its server, DKIM, DMARC, alignment), or null. */
  domainCheck: DomainCheck | null;
  createdAt: string;
  updatedAt: string;
}

/** What a create or an update may carry. On update every field is optional and an absent or empty password keeps the stored one. */
export interface SmtpAccountInput {
  name?: string;
  email: string;
  host: string;
  port: number;
  security: SecurityMode;
  authType: AuthType;
  username?: string;
  password?: string;
  active?: boolean;
  preferForNewsletters?: boolean;
  oauthProvider?: OAuthProvider | null;
  oauthTenant?: string | null;
  oauthClientId?: string | null;
  /** Write-only, sealed like the password; empty keeps the stored one. */
  oauthClientSecret?: string | null;
  oauthAuthorizeUrl?: string | null;
  oauthTokenUrl?: string | null;
  oauthScope?: string | null;
  /** Positive integers, or null/empty for no limit. Changing a limit never needs the password again. */
  limitPerMinute?: number | null;
  limitPerHour?: number | null;
  limitPerDay?: number | null;
  /** `messages` (the default) or `recipients`; null is `messages`. */
  limitCounts?: LimitCounts | null;
}

/**
 * What the create and update routes take: an account's fields, where a required one may come empty (`port: null`,
 * `''` for a text): a field the admin cleared is refused as `REQUIRED`, never taken as unchanged.
 */
export type SmtpAccountBody = Omit<SmtpAccountInput, 'port'> & { port: number | null };

/** Connect: the provider's sign-in page for this account (the panel sends the admin there). */
export declare namespace StartOAuth {
  interface Params {
    id: string;
  }
  interface Request {
    body: { redirectUri: string };
  }
  interface Response {
    data: { authorizationUrl: string };
  }
}

/** The panel's callback page hands over what the provider sent back. */
export declare namespace CompleteOAuth {
  interface Request {
    body: { state: string; code: string };
  }
  interface Response {
    data: SmtpAccount;
  }
}

export interface ErrorBody {
  data: null;
  error: { status: number; name: string; message: string; details?: unknown };
}

export declare namespace ListAccounts {
  interface Response {
    data: SmtpAccount[];
  }
}

export declare namespace GetAccount {
  interface Params {
    id: string;
  }
  interface Response {
    data: SmtpAccount;
  }
}

export declare namespace CreateAccount {
  interface Request {
    body: { data: SmtpAccountBody };
  }
  interface Response {
    data: SmtpAccount;
  }
}

export declare namespace UpdateAccount {
  interface Params {
    id: string;
  }
  interface Request {
    body: { data: Partial<SmtpAccountBody> };
  }
  interface Response {
    data: SmtpAccount;
  }
}

export declare namespace DeleteAccount {
  interface Params {
    id: string;
  }
  interface Response {
    data: { id: number };
  }
}

/** "Send test mail" from one account (the panel's per-account action). */
export declare namespace SendTestMail {
  interface Params {
    id: string;
  }
  interface Request {
    body: { to: string };
  }
  interface Response {
    /** `logId`: the test mail's send-log entry (a failure's 400 carries it in `details.logId`). */
    data: { messageId: string; response: string; logId: number };
  }
}
