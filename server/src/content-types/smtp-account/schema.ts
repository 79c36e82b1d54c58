import {
  AUTH_TYPES,
  HEALTH_STATES,
  LIMIT_COUNTS,
  LIMITS,
  OAUTH_PROVIDERS,
  OAUTH_STATUSES,
  SECURITY_MODES,
} from '../../../../shared/constants';

// Internal to the plugin: edited only through its own pages and API, never the Content Manager or the CTB.
const hidden = {
  'content-manager': { visible: false },
  'content-type-builder': { visible: false },
};

export default {
  kind: 'collectionType',
  collectionName: 'smtp_accounts',
  info: {
    singularName: 'smtp-account',
    pluralName: 'smtp-accounts',
    displayName: 'SMTP account',
    description: 'An SMTP mailbox that sends the mail whose From matches it',
  },
  options: { draftAndPublish: false },
  pluginOptions: hidden,
  attributes: {
    name: { type: 'string', maxLength: LIMITS.name, default: '', configurable: false },
    email: { type: 'string', required: true, maxLength: LIMITS.email, configurable: false },
    host: { type: 'string', required: true, maxLength: LIMITS.host, configurable: false },
    port: { type: 'integer', required: true, min: 1, max: 65535, configurable: false },
    security: {
      type: 'enumeration',
      enum: [...SECURITY_MODES],
      default: 'starttls',
      required: true,
      configurable: false,
    },
    authType: {
      type: 'enumeration',
      enum: [...AUTH_TYPES],
      default: 'plain',
      required: true,
      configurable: false,
    },
    username: { type: 'string', maxLength: LIMITS.username, configurable: false },
    // AES-256-GCM ciphertext (see crypto/secret-box); never returned, never searchable
    password: { type: 'text', private: true, searchable: false, configurable: false },
    active: { type: 'boolean', default: true, required: true, configurable: false },
    preferForNewsletters: { type: 'boolean', default: false, required: true, configurable: false },
    // sending limits (null: none), kept across every process by limits/
    limitPerMinute: { type: 'integer', min: 1, configurable: false },
    limitPerHour: { type: 'integer', min: 1, configurable: false },
    limitPerDay: { type: 'integer', min: 1, configurable: false },
    // what the limits count (null: messages)
    limitCounts: { type: 'enumeration', enum: [...LIMIT_COUNTS], configurable: false },
    // OAuth2 (authType "oauth2"): the app registration and the tokens. Secrets sealed like the password.
    oauthProvider: { type: 'enumeration', enum: [...OAUTH_PROVIDERS], configurable: false },
    oauthTenant: { type: 'string', maxLength: LIMITS.oauthTenant, configurable: false },
    oauthClientId: { type: 'text', configurable: false },
    oauthClientSecret: { type: 'text', private: true, searchable: false, configurable: false },
    oauthAuthorizeUrl: { type: 'text', configurable: false },
    oauthTokenUrl: { type: 'text', configurable: false },
    oauthScope: { type: 'text', configurable: false },
    oauthRefreshToken: { type: 'text', private: true, searchable: false, configurable: false },
    oauthAccessToken: { type: 'text', private: true, searchable: false, configurable: false },
    oauthAccessExpiresAt: { type: 'datetime', configurable: false },
    oauthStatus: { type: 'enumeration', enum: [...OAUTH_STATUSES], configurable: false },
    // one process refreshes an account's token at a time (the others wait and reuse its token)
    oauthLockUntil: { type: 'datetime', private: true, configurable: false },
    // alerting: the state last announced (webhooks, alert mail), since when, and why; the last re-check
    healthState: { type: 'enumeration', enum: [...HEALTH_STATES], configurable: false },
    healthSince: { type: 'datetime', configurable: false },
    healthStage: { type: 'string', configurable: false },
    healthReply: { type: 'text', configurable: false },
    lastCheckAt: { type: 'datetime', configurable: false },
    // deliverability: the last check of the From domain (SPF for this server, DKIM, DMARC, alignment)
    domainCheck: { type: 'json', configurable: false },
  },
};
