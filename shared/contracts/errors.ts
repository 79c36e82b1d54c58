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
