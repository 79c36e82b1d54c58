import type {
  AuthType,
  HealthState,
  LimitCounts,
  OAuthProvider,
  OAuthStatus,
  SecurityMode,
} from '../../../shared/constants';
import type { PasswordState, SmtpAccount } from '../../../shared/contracts/accounts';
import type { DomainCheck } from '../../../shared/contracts/deliverability';

/**
 * An account as the table holds it. Secret columns hold sealed text (`v2:…`, bound to their destination,
 * see binding.ts); only accounts/connection.ts and accounts/oauth-tokens.ts open them.
 */
export interface AccountRow {
  id: number;
  documentId: string;
  name: string | null;
  email: string;
  host: string;
  port: number;
  security: SecurityMode;
  authType: AuthType;
  username: string | null;
  password: string | null;
  active: boolean;
  preferForNewsletters: boolean;
  limitPerMinute: number | null;
  limitPerHour: number | null;
  limitPerDay: number | null;
  limitCounts: LimitCounts | null;
  oauthProvider: OAuthProvider | null;
  oauthTenant: string | null;
  oauthClientId: string | null;
  oauthClientSecret: string | null;
  oauthAuthorizeUrl: string | null;
  oauthTokenUrl: string | null;
  oauthScope: string | null;
  oauthRefreshToken: string | null;
  oauthAccessToken: string | null;
  oauthAccessExpiresAt: string | Date | null;
  oauthStatus: OAuthStatus | null;
  oauthLockUntil: string | Date | null;
  healthState: HealthState | null;
  healthSince: string | Date | null;
  healthStage: string | null;
  healthReply: string | null;
  lastCheckAt: string | Date | null;
  domainCheck: DomainCheck | string | null;
  createdAt: string | Date;
  updatedAt: string | Date;
}

/** What routing and the health pages need of an account: never a secret column. */
export type AccountRef = Pick<AccountRow, 'id' | 'email' | 'name'>;

const iso = (value: string | Date) =>
  value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();

/** The only shape that leaves the server: secrets are reduced to `hasPassword`, `hasClientSecret` and `passwordState`. */
export const toPublicAccount = (row: AccountRow, passwordState: PasswordState): SmtpAccount => ({
  id: row.id,
  documentId: row.documentId,
  name: row.name ?? '',
  email: row.email,
  host: row.host,
  port: row.port,
  security: row.security,
  authType: row.authType,
  username: row.username ?? '',
  hasPassword: Boolean(row.password),
  passwordState,
  active: Boolean(row.active),
  preferForNewsletters: Boolean(row.preferForNewsletters),
  limitPerMinute: row.limitPerMinute ?? null,
  limitPerHour: row.limitPerHour ?? null,
  limitPerDay: row.limitPerDay ?? null,
  limitCounts: row.limitCounts ?? 'messages',
  oauthProvider: row.oauthProvider ?? null,
  oauthTenant: row.oauthTenant ?? '',
  oauthClientId: row.oauthClientId ?? '',
  hasClientSecret: Boolean(row.oauthClientSecret),
  oauthAuthorizeUrl: row.oauthAuthorizeUrl ?? '',
  oauthTokenUrl: row.oauthTokenUrl ?? '',
  oauthScope: row.oauthScope ?? '',
  oauthStatus: row.authType === 'oauth2' ? (row.oauthStatus ?? 'pending') : null,
  domainCheck:
    (typeof row.domainCheck === 'string' ? JSON.parse(row.domainCheck) : row.domainCheck) ?? null,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});
