/**
 * One source of names for the server and the admin panel.
 */
export const PLUGIN_ID = 'smtp-accounts';
export const SEND_LOG_UID = 'plugin::smtp-accounts.send-log' as const;
export const BATCH_UID = 'plugin::smtp-accounts.batch' as const;
export const QUEUED_MAIL_UID = 'plugin::smtp-accounts.queued-mail' as const;

/** A queued mail's life: queued → sending → sent | failed; queued → cancelled. */
/** `suppressed`: a newsletter mail not sent, its recipient being on the suppression list. */
export const QUEUED_MAIL_STATES = [
  'queued',
  'sending',
  'sent',
  'failed',
  'cancelled',
  'suppressed',
] as const;
export type QueuedMailState = (typeof QUEUED_MAIL_STATES)[number];
/**
 * A batch (one `enqueue` call): `enqueuing` while its messages are read, then `active`; `paused` and
 * `cancelled` by an admin or the API; `done` once nothing is left to send.
 */
export const BATCH_STATES = ['enqueuing', 'active', 'paused', 'cancelled', 'done'] as const;
export type BatchState = (typeof BATCH_STATES)[number];
/** An account at its limit: the mail waits for room (`wait`), or goes to the next candidate in rule order with room (`next`). */
export const LIMIT_OVERFLOW_MODES = ['wait', 'next'] as const;
export type LimitOverflowMode = (typeof LIMIT_OVERFLOW_MODES)[number];
/** Per-account sending limits: field → window length in seconds. */
export const LIMIT_WINDOWS = {
  limitPerMinute: 60,
  limitPerHour: 3600,
  limitPerDay: 86400,
} as const;
export type LimitField = keyof typeof LIMIT_WINDOWS;
/** What an account's limits count: mails, or their recipients (as Exchange Online and Gmail do). */
export const LIMIT_COUNTS = ['messages', 'recipients'] as const;
export type LimitCounts = (typeof LIMIT_COUNTS)[number];

/** `suppressed`: a newsletter mail not sent, every recipient being on the suppression list. */
export const SEND_STATUSES = ['sent', 'failed', 'fallback', 'suppressed'] as const;
export type SendStatus = (typeof SEND_STATUSES)[number];

export const SECURITY_MODES = ['none', 'ssl', 'starttls'] as const;
export const AUTH_TYPES = ['none', 'plain', 'login', 'cram-md5', 'oauth2'] as const;
/** OAuth2 (XOAUTH2) provider presets; `generic` takes its URLs and scope from the account. */
export const OAUTH_PROVIDERS = ['microsoft', 'google', 'generic'] as const;
/** An OAuth2 account sends only when `connected`; the others are out of routing like an inactive account. */
export const OAUTH_STATUSES = ['pending', 'connected', 'reauth-required'] as const;
/** An account's alerting state, kept on its row so that one process announces each change once. */
export const HEALTH_STATES = ['ok', 'failing', 'reauth-required'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];
/** Webhook events (Settings → Webhooks via the API: Strapi's form lists only its own events). */
export const WEBHOOK_EVENTS = {
  failing: 'smtp-account.failing',
  recovered: 'smtp-account.recovered',
  reauthRequired: 'smtp-account.reauth-required',
  fallback: 'smtp-account.fallback',
  /** A campaign batch has nothing left to send (payload: its id, name and counts). */
  campaignDone: 'smtp-campaign.done',
  /** An address went on the suppression list (payload: the suppression: address, scope, reason, detail). */
  suppressionAdded: 'smtp-suppression.added',
} as const;
export const FALLBACK_MODES = ['provider', 'reject'] as const;
/** Who sends what Strapi's content-API route `POST /api/email` is given: the stock provider, or the accounts by its From. */
export const CONTENT_API_EMAIL_MODES = ['stock', 'accounts'] as const;
export type ContentApiEmailMode = (typeof CONTENT_API_EMAIL_MODES)[number];

export type SecurityMode = (typeof SECURITY_MODES)[number];
export type AuthType = (typeof AUTH_TYPES)[number];
export type FallbackMode = (typeof FALLBACK_MODES)[number];
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];
export type OAuthStatus = (typeof OAUTH_STATUSES)[number];

/** Stages a verification (or a send) can fail at; shown to the admin with the server's reply. */
export const SMTP_STAGES = [
  'connect',
  'timeout',
  'tls',
  'auth',
  'sender',
  'recipient',
  'data',
  'unknown',
] as const;
export type SmtpStage = (typeof SMTP_STAGES)[number];

/** Fully-qualified RBAC action ids, used by the routes' policies and by the admin's permission checks. */
export const PERMISSIONS = {
  accountsRead: `plugin::${PLUGIN_ID}.accounts.read`,
  accountsCreate: `plugin::${PLUGIN_ID}.accounts.create`,
  accountsUpdate: `plugin::${PLUGIN_ID}.accounts.update`,
  accountsDelete: `plugin::${PLUGIN_ID}.accounts.delete`,
  /** Strapi's own admin route `POST /email` (and Settings → Email's test mail) while the module is on. */
  accountsSend: `plugin::${PLUGIN_ID}.accounts.send`,
  settingsRead: `plugin::${PLUGIN_ID}.settings.read`,
  settingsUpdate: `plugin::${PLUGIN_ID}.settings.update`,
  logRead: `plugin::${PLUGIN_ID}.log.read`,
  logResend: `plugin::${PLUGIN_ID}.log.resend`,
  campaignsRead: `plugin::${PLUGIN_ID}.campaigns.read`,
  campaignsManage: `plugin::${PLUGIN_ID}.campaigns.manage`,
  domainsRead: `plugin::${PLUGIN_ID}.domains.read`,
  domainsManage: `plugin::${PLUGIN_ID}.domains.manage`,
  suppressionsRead: `plugin::${PLUGIN_ID}.suppressions.read`,
  suppressionsManage: `plugin::${PLUGIN_ID}.suppressions.manage`,
} as const;

/** The same actions in the shape `admin::permission`.actionProvider.registerMany expects. */
export const ACTIONS = [
  { uid: 'accounts.read', displayName: 'Read SMTP accounts', subCategory: 'accounts' },
  { uid: 'accounts.create', displayName: 'Create SMTP accounts', subCategory: 'accounts' },
  { uid: 'accounts.update', displayName: 'Update SMTP accounts', subCategory: 'accounts' },
  { uid: 'accounts.delete', displayName: 'Delete SMTP accounts', subCategory: 'accounts' },
  { uid: 'accounts.send', displayName: 'Send mail through SMTP accounts', subCategory: 'accounts' },
  { uid: 'settings.read', displayName: 'Read module settings', subCategory: 'settings' },
  { uid: 'settings.update', displayName: 'Update module settings', subCategory: 'settings' },
  { uid: 'log.read', displayName: 'Read the send log', subCategory: 'log' },
  { uid: 'log.resend', displayName: 'Resend a logged mail', subCategory: 'log' },
  { uid: 'campaigns.read', displayName: 'Read campaign batches', subCategory: 'campaigns' },
  {
    uid: 'campaigns.manage',
    displayName: 'Pause, resume and cancel campaign batches',
    subCategory: 'campaigns',
  },
  {
    uid: 'domains.read',
    displayName: 'Read sending domains and their checks',
    subCategory: 'deliverability',
  },
  {
    uid: 'domains.manage',
    displayName: 'Add, rotate and remove DKIM keys',
    subCategory: 'deliverability',
  },
  {
    uid: 'suppressions.read',
    displayName: 'Read the suppression list',
    subCategory: 'deliverability',
  },
  {
    uid: 'suppressions.manage',
    displayName: 'Add, remove and import suppressions',
    subCategory: 'deliverability',
  },
].map((action) => ({ ...action, section: 'plugins' as const, pluginName: PLUGIN_ID }));

/** Limits shared by the server's validation and the admin's form. */
export const LIMITS = {
  name: 200,
  email: 254,
  host: 253,
  username: 320,
  password: 1024,
  oauthTenant: 100,
  oauthClientId: 500,
  oauthSecret: 2000,
  url: 2000,
  oauthScope: 1000,
  campaign: 200,
  /** A sending limit per window, at most (a day of a big provider is far below). */
  limit: 10_000_000,
} as const;
