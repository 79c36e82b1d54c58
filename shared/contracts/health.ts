import type { SmtpStage } from '../constants';

/**
 * How an account is doing, from what it did: `ok` (its last attempt went through), `failing` (its last
 * attempt failed), `unused` (never tried yet), `reauth-required` (an OAuth2 account lost its grant: the
 * same word as its `oauthStatus`, its HEALTH_STATES entry and the webhook event `smtp-account.reauth-required`).
 */
export type AccountHealthStatus = 'ok' | 'failing' | 'unused' | 'reauth-required';

export interface AccountHealth {
  accountId: number;
  status: AccountHealthStatus;
  /** When a mail last went through this account (ISO 8601), or null. */
  lastSuccessAt: string | null;
  /** This account's most recent failed attempt, or null. */
  lastFailure: { at: string; stage: SmtpStage | null; code: string | null } | null;
  /** Mails sent through this account in the window (`windowHours`, 24 by default). */
  sent: number;
  /** Failed attempts of this account in the window (a failover to another account counts too). */
  failed: number;
}

export declare namespace GetAccountsHealth {
  interface Response {
    data: AccountHealth[];
    meta: { windowHours: number; since: string };
  }
}
