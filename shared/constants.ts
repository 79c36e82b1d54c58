/**
 * One source of names for the server and the admin panel.
 */
export const PLUGIN_ID = 'smtp-accounts';
export const SMTP_ACCOUNT_UID = 'plugin::smtp-accounts.smtp-account' as const;
export const SEND_LOG_UID = 'plugin::smtp-accounts.send-log' as const;

export const SEND_STATUSES = ['sent', 'failed', 'fallback'] as const;
export type SendStatus = (typeof SEND_STATUSES)[number];

export const SECURITY_MODES = ['none', 'ssl', 'starttls'] as const;
export const AUTH_TYPES = ['none', 'plain', 'login', 'cram-md5'] as const;
export const FALLBACK_MODES = ['provider', 'reject'] as const;

export type SecurityMode = (typeof SECURITY_MODES)[number];
export type AuthType = (typeof AUTH_TYPES)[number];
export type FallbackMode = (typeof FALLBACK_MODES)[number];

/** Stages a verification (or a send) can fail at; shown to the admin with the server's reply. */
export const SMTP_STAGES = ['connect', 'timeout', 'tls', 'auth', 'sender', 'recipient', 'data', 'unknown'] as const;
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
].map((action) => ({ ...action, section: 'plugins' as const, pluginName: PLUGIN_ID }));

/** Limits shared by the server's validation and the admin's form. */
export const LIMITS = {
  name: 200,
  email: 254,
  host: 253,
  username: 320,
  password: 1024,
} as const;
