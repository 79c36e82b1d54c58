import { yup } from '@strapi/utils';
import { createValidator } from './validate';
import {
  AUTH_TYPES,
  LIMIT_COUNTS,
  LIMITS,
  OAUTH_PROVIDERS,
  SECURITY_MODES,
} from '../../../shared/constants';
import type { SmtpAccountInput } from '../../../shared/contracts/accounts';
import { CONTROL_CHARS } from './control-chars';

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\[?[0-9A-Fa-f:.]+\]?$/;

const text = (field: string, max: number) =>
  yup
    .string()
    .max(max, `${field} must be at most ${max} characters`)
    .test(
      'CONTROL_CHARS',
      `${field} must not contain line breaks or control characters`,
      (v) => !v || !CONTROL_CHARS.test(v)
    );

const limit = (field: string) =>
  yup
    .number()
    .integer(`${field} must be a whole number of messages (or null for no limit)`)
    .min(1, `${field} must be at least 1 (or null for no limit)`)
    .max(LIMITS.limit, `${field} must be at most ${LIMITS.limit}`)
    .nullable();

const fields = {
  name: text('name', LIMITS.name),
  email: text('email', LIMITS.email).email('email must be a valid email address'),
  host: text('host', LIMITS.host).matches(HOST, {
    name: 'INVALID_HOST',
    message: 'host must be a host name or an IP address',
    excludeEmptyString: true,
  }),
  port: yup
    .number()
    .integer('port must be a whole number')
    .min(1, 'port must be between 1 and 65535')
    .max(65535, 'port must be between 1 and 65535'),
  security: yup
    .mixed()
    .oneOf([...SECURITY_MODES], `security must be one of: ${SECURITY_MODES.join(', ')}`),
  authType: yup.mixed().oneOf([...AUTH_TYPES], `authType must be one of: ${AUTH_TYPES.join(', ')}`),
  username: text('username', LIMITS.username),
  password: yup
    .string()
    .max(LIMITS.password, `password must be at most ${LIMITS.password} characters`),
  active: yup.boolean(),
  preferForNewsletters: yup.boolean(),
  limitPerMinute: limit('limitPerMinute'),
  limitPerHour: limit('limitPerHour'),
  limitPerDay: limit('limitPerDay'),
  limitCounts: yup
    .mixed()
    .oneOf([...LIMIT_COUNTS, null], `limitCounts must be one of: ${LIMIT_COUNTS.join(', ')}`),
  oauthProvider: yup
    .mixed()
    .oneOf(
      [...OAUTH_PROVIDERS, null],
      `oauthProvider must be one of: ${OAUTH_PROVIDERS.join(', ')}`
    ),
  oauthTenant: text('oauthTenant', LIMITS.oauthTenant).nullable(),
  oauthClientId: text('oauthClientId', LIMITS.oauthClientId).nullable(),
  oauthClientSecret: yup
    .string()
    .max(LIMITS.oauthSecret, `oauthClientSecret must be at most ${LIMITS.oauthSecret} characters`)
    .nullable(),
  oauthAuthorizeUrl: text('oauthAuthorizeUrl', LIMITS.url)
    .url('oauthAuthorizeUrl must be a URL')
    .nullable(),
  oauthTokenUrl: text('oauthTokenUrl', LIMITS.url).url('oauthTokenUrl must be a URL').nullable(),
  oauthScope: text('oauthScope', LIMITS.oauthScope).nullable(),
};

const isOAuth = (authType: string) => authType === 'oauth2';
const isPasswordAuth = (authType: string) =>
  Boolean(authType) && authType !== 'none' && authType !== 'oauth2';

export const ACCOUNT_FIELDS = Object.keys(fields) as (keyof SmtpAccountInput)[];

/**
 * The complete account as it will be stored (for an update: stored values merged with the changes).
 * `strict` keeps types exact: a port sent as "587" or a flag sent as "yes" is refused, not coerced.
 */
const completeAccountSchema = yup
  .object({
    ...fields,
    email: fields.email.required('email is required'),
    host: fields.host.required('host is required'),
    port: fields.port.required('port is required'),
    security: fields.security.required('security is required'),
    authType: fields.authType.required('authType is required'),
    username: fields.username.when('authType', {
      is: (authType: string) => authType && authType !== 'none',
      then: (s: ReturnType<typeof text>) =>
        s.required('username is required when authType is not "none"'),
    }),
    password: fields.password.when('authType', {
      is: isPasswordAuth,
      then: (s: typeof fields.password) =>
        s.required('password is required when authType is not "none"'),
    }),
    oauthProvider: fields.oauthProvider.when('authType', {
      is: isOAuth,
      then: (s: typeof fields.oauthProvider) => s.required('oauthProvider is required for OAuth2'),
    }),
    oauthClientId: fields.oauthClientId.when('authType', {
      is: isOAuth,
      then: (s: typeof fields.oauthClientId) => s.required('oauthClientId is required for OAuth2'),
    }),
    oauthClientSecret: fields.oauthClientSecret.when('authType', {
      is: isOAuth,
      then: (s: typeof fields.oauthClientSecret) =>
        s.required('oauthClientSecret is required for OAuth2'),
    }),
    oauthTenant: fields.oauthTenant.when('oauthProvider', {
      is: 'microsoft',
      then: (s: typeof fields.oauthTenant) =>
        s.required('oauthTenant is required for Microsoft 365 (a tenant id, or "organizations")'),
    }),
    oauthAuthorizeUrl: fields.oauthAuthorizeUrl.when('oauthProvider', {
      is: 'generic',
      then: (s: typeof fields.oauthAuthorizeUrl) =>
        s.required('oauthAuthorizeUrl is required for a generic OAuth2 provider'),
    }),
    oauthTokenUrl: fields.oauthTokenUrl.when('oauthProvider', {
      is: 'generic',
      then: (s: typeof fields.oauthTokenUrl) =>
        s.required('oauthTokenUrl is required for a generic OAuth2 provider'),
    }),
  })
  .strict(true);

/**
 * The body of a create or update request: only known fields, with exact types. A required field sent empty
 * (`null`, or '' for a text) is an admin who cleared it: it passes here and is refused as `REQUIRED` by the
 * complete check, never taken as "unchanged".
 */
const requestBodySchema = yup
  .object({
    ...fields,
    email: fields.email.nullable(),
    host: fields.host.nullable(),
    port: fields.port.nullable(),
  })
  .noUnknown(true, 'unknown field(s): ${unknown}')
  .strict(true);

export const validateAccountInput = createValidator(requestBodySchema);
export const validateCompleteAccount = createValidator(completeAccountSchema);

export const validateTestMailInput = createValidator(
  yup
    .object({
      to: fields.email.required('to is required').email('to must be a valid email address'),
    })
    .noUnknown(true, 'unknown field(s): ${unknown}')
    .strict(true)
);
