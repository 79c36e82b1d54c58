import type { ErrorCode } from '../../../shared/contracts/errors';

/**
 * English defaults of the error codes the server answers (shared/contracts/errors.ts, README "Error codes");
 * the panel shows `smtp-accounts.error.code.<CODE>` with `{field}` (the field's translated label) and the
 * code's params. A new code is a type error here until it has its message.
 */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  REQUIRED: '{field} is required',
  TOO_LONG: '{field} must be at most {max, plural, one {# character} other {# characters}}',
  TOO_SHORT: '{field} must be at least {min, plural, one {# character} other {# characters}}',
  INVALID_EMAIL: '{field} must be a valid email address',
  INVALID_HOST: '{field} must be a host name or an IP address',
  INVALID_DATE: '{field} must be a date',
  OUT_OF_RANGE: '{field} must be between {min} and {max}',
  NOT_INTEGER: '{field} must be a whole number',
  NOT_ONE_OF: '{field} must be one of: {values}',
  UNKNOWN_FIELD: 'Unknown field: {fields}',
  INVALID_TYPE: '{field} has the wrong type',
  CONTROL_CHARS: '{field} must not contain line breaks or control characters',
  INVALID: '{field} is not valid',
  PASSWORD_REQUIRED: 'Re-enter the password: it is only sent to the server it was entered for',
  HOST_DENIED: '{field}: this server is not allowed by the host policy of this Strapi',
  HOST_UNRESOLVED: '{field}: this name does not resolve (check it for a typo)',
  SEALED_VALUE_REFUSED:
    'Type the secret itself: an encrypted value copied from a database or export is never accepted',
  EDECRYPT: 'The stored password cannot be decrypted: re-enter it',
  PASSWORD_SEALED_WITH_OTHER_KEY: 'The stored password was encrypted with another key: re-enter it',
  NO_TEST_RECIPIENT:
    'A test mail on save is on, but it has no recipient: set one in Settings → SMTP accounts',
  ALREADY_SENT: 'This mail was delivered: only a failed mail can be resent',
  ALREADY_RESENT: 'This mail was already resent; resend the new entry if it failed too',
  MAYBE_DELIVERED:
    'This mail may have been delivered (the connection dropped while it was being transferred): it is not resent, so nobody gets it twice',
  BATCH_FINISHED:
    'This campaign batch has finished: there is nothing left to pause, resume or cancel',
  NOT_PAUSED: 'This campaign batch is not paused: only a paused batch can be resumed',
  DOMAIN_EXISTS:
    'This domain has a DKIM key already: rotate its key or change its selector in the list',
  BODY_NOT_KEPT: 'This mail cannot be resent: its body was not kept',
  MAIL_NOT_SENT: 'The mail could not be sent; the send log shows each attempt',
  MODULE_OFF: 'The module is switched off: switch it on in Settings → SMTP accounts',
  NOT_FOUND: 'Not found',
  CLIENT_SECRET_REQUIRED:
    'Re-enter the client secret: it is only sent to the token endpoint it was entered for',
  INVALID_URL: '{field} must be an https URL',
  NOT_OAUTH: 'This account does not sign in with OAuth2',
  OAUTH_STATE_INVALID: 'This sign-in link expired or was already used: click Connect again',
  OAUTH_EXCHANGE_FAILED:
    'The provider refused to hand out the tokens: check the client id, the client secret and the redirect URI',
  OAUTH_NO_REFRESH_TOKEN:
    'The provider gave no refresh token: allow offline access (scope offline_access, or access_type=offline)',
  SEND_PERMISSION_REQUIRED:
    'Sending mail through the SMTP accounts needs the permission "Send mail through SMTP accounts"',
  FROM_TOO_LONG: 'The From is longer than {max, plural, one {# character} other {# characters}}',
  INVALID_MAIL: 'Mail not sent: it has no recipient, a line break in a header, or no valid From',
  INVALID_OPTIONS:
    'The queue options must be an object with newsletter (true or false) and campaign (a name)',
  NOT_ITERABLE: 'The messages to queue must be an array or an (async) iterable of mail objects',
};
