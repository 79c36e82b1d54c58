/**
 * The error convention of the admin API: every error carries a stable `details.code` (UPPER_SNAKE) and,
 * when it is about one field, `details.field` (+ `details.params`), next to the English message.
 * The panel translates the code; the message is for API users and logs.
 */

/** Codes of input validation (server/src/validation). */
export const VALIDATION_CODES = [
  'REQUIRED',
  'TOO_LONG',
  'TOO_SHORT',
  'INVALID_EMAIL',
  'INVALID_HOST',
  'INVALID_DATE',
  'OUT_OF_RANGE',
  'NOT_INTEGER',
  'NOT_ONE_OF',
  'UNKNOWN_FIELD',
  'INVALID_TYPE',
  'CONTROL_CHARS',
  'INVALID',
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

/**
 * Every `details.code` the server answers, one table (like nodemailer's `lib/errors.js`). Not here: the
 * SMTP codes of a failed check (EAUTH, ECONNECTION …, next to `details.stage`, see SmtpFailureDetails), except
 * EDECRYPT, which the panel explains. The admin's messages are typed by it (admin/src/utils/errorMessages.ts),
 * and a code without its `error.code.<CODE>` in en.json or ru.json fails `tsc -b` (admin/src/translations/check.ts).
 */
export const ERROR_CODES = [
  ...VALIDATION_CODES,
  // saving an account: a secret to type again, a host it may not use, a secret that cannot be read
  'PASSWORD_REQUIRED',
  'CLIENT_SECRET_REQUIRED',
  'SEALED_VALUE_REFUSED',
  'HOST_DENIED',
  'HOST_UNRESOLVED',
  'EDECRYPT',
  'PASSWORD_SEALED_WITH_OTHER_KEY',
  'NO_TEST_RECIPIENT',
  // OAuth2 Connect and its callback
  'INVALID_URL',
  'NOT_OAUTH',
  'OAUTH_STATE_INVALID',
  'OAUTH_EXCHANGE_FAILED',
  'OAUTH_NO_REFRESH_TOKEN',
  // resending a logged mail
  'ALREADY_SENT',
  'ALREADY_RESENT',
  'BODY_NOT_KEPT',
  'MAYBE_DELIVERED',
  'MAIL_NOT_SENT',
  'MODULE_OFF',
  // campaign batches: pause, resume, cancel
  'BATCH_FINISHED',
  'NOT_PAUSED',
  // sending domains (DKIM keys): one key per domain
  'DOMAIN_EXISTS',
  // any route
  'NOT_FOUND',
  'SEND_PERMISSION_REQUIRED',
  // the mailer and the queue called by server code (not the admin API)
  'FROM_TOO_LONG',
  'INVALID_MAIL',
  'INVALID_OPTIONS',
  'NOT_ITERABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const isErrorCode = (code: string): code is ErrorCode =>
  (ERROR_CODES as readonly string[]).includes(code);

/** One problem of a request body or query. */
export interface ValidationIssue {
  /** Kept for Strapi's shape: the field as a path (`['port']`), empty for the body as a whole. */
  path: string[];
  code: string;
  field?: string;
  params?: Record<string, unknown>;
  message: string;
}

/** `error.details` of a validation 400: the first problem at the top level, every problem in `errors`. */
export interface ValidationErrorDetails {
  code: string;
  field?: string;
  params?: Record<string, unknown>;
  errors: ValidationIssue[];
}

/** `error.details` of a 400 for an SMTP check that failed (`code` is nodemailer's: EAUTH, ECONNECTION …). */
export interface SmtpFailureDetails {
  stage: 'connect' | 'timeout' | 'tls' | 'auth' | 'sender' | 'recipient' | 'data' | 'unknown';
  code?: string;
  response?: string | null;
  responseCode?: number | null;
  field?: string;
}
