import type { ContentApiEmailMode, FallbackMode, LimitOverflowMode } from '../constants';

/** The module settings kept in the plugin store and edited in Settings → SMTP accounts. */
export interface ModuleSettings {
  /** The module switch: when off, Strapi's configured provider sends every mail untouched. */
  enabled: boolean;
  /** Send a test message from an account when it is saved (the seed's module option). */
  testEmailOnSave: boolean;
  /** Where that test message goes; empty means the saving admin's own email. */
  testEmailRecipient: string;
  /** Upper bound for one verification (connect + TLS + auth + MAIL FROM), in milliseconds. */
  verifyTimeoutMs: number;
  /** What happens to a mail whose From matches no account. */
  fallback: FallbackMode;
  /** Days a send-log entry is kept; older entries are pruned hourly. */
  logRetentionDays: number;
  /** Keep message bodies in the send log, so that a failed mail can be resent. */
  logKeepBodies: boolean;
  /** Who gets an alert mail when an account starts failing, needs re-authorization or recovers (comma-separated; empty: none). */
  alertRecipients: string;
  /** Re-check every active account this often, in minutes (0: off). */
  recheckIntervalMinutes: number;
  /** A queued mail whose account is at its sending limit: `wait` for room (default) or go to the `next` candidate in rule order that has room. */
  limitOverflow: LimitOverflowMode;
  /**
   * Strapi's content-API route `POST /api/email` lets its caller (a users-permissions role or an API token
   * holding `email.send`) choose the From: `stock` (default) sends it through the provider configured in
   * `config/plugins`, as before the plugin was installed; `accounts` routes it through the SMTP accounts by
   * its From like any mail.
   */
  contentApiEmail: ContentApiEmailMode;
  /** A recipient a server refuses for good (a 5xx at RCPT TO, or after DATA naming it) goes on the suppression list. */
  suppressHardBounces: boolean;
  /** More header names that mark a mail as a newsletter (comma-separated), next to List-Unsubscribe, List-Id and Precedence: bulk. */
  newsletterHeaders: string;
}

export declare namespace GetSettings {
  interface Response {
    data: ModuleSettings;
  }
}

export declare namespace UpdateSettings {
  interface Request {
    body: { data: Partial<ModuleSettings> };
  }
  interface Response {
    data: ModuleSettings;
  }
}
