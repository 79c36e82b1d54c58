import type { Core } from '@strapi/strapi';
import { ACTIONS, PLUGIN_ID, WEBHOOK_EVENTS } from '../../shared/constants';
import { runtimeOf } from './runtime';

type Context = { strapi: Core.Strapi };

const registerPermissions = async ({ strapi }: Context) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
};

/** Fails start-up with an actionable message instead of failing the first save. */
const checkEncryptionKey = ({ strapi }: Context) => {
  runtimeOf(strapi).accounts.keyring.assertKey();
};

/** Secrets stored before they were bound to their destination (`v1:`) are bound to the one their account names, once. */
const bindLegacySecrets = async ({ strapi }: Context) => {
  const bound = await runtimeOf(strapi).accounts.store.bindLegacySecrets();
  if (bound)
    strapi.log.info(
      `[${PLUGIN_ID}] ${bound} stored secret(s) bound to the destination of their account (format v2)`
    );
};

/**
 * Secrets sealed with another key (an export imported into this app, a changed key) cannot log in: say which
 * accounts need their secret re-entered — by id and address, never the value.
 */
const warnUnreadableSecrets = async ({ strapi }: Context) => {
  for (const { id, email } of await runtimeOf(strapi).accounts.store.unreadable()) {
    strapi.log.warn(
      `[${PLUGIN_ID}] SMTP account #${id} <${email}>: its stored password cannot be decrypted with this server's encryption key ` +
        '(imported from another app, or the key changed). It does not send until you re-enter its password in the admin panel ' +
        '(or re-encrypt with smtp-accounts-rekey and the old key).'
    );
  }
};

/** The email plugin bootstraps first, so its configured provider exists: keep it as the stock provider. */
const installEmailProvider = ({ strapi }: Context) => {
  runtimeOf(strapi).mailer.install();
};

/** Retention: the send log, finished batches and expired sign-ins, hourly (and now). */
const scheduleRetention = ({ strapi }: Context) => {
  runtimeOf(strapi).retention.start();
};

/** Webhook events, allowed in Strapi's webhook store (its Settings → Webhooks form lists only Strapi's own: add them through its API). */
const registerWebhookEvents = ({ strapi }: Context) => {
  for (const [key, event] of Object.entries(WEBHOOK_EVENTS))
    strapi.get('webhookStore').addAllowedEvent(`SMTP_ACCOUNT_${key.toUpperCase()}`, event);
};

/** The scheduled re-check (setting `recheckIntervalMinutes`, off by default). */
const startAccountWatch = ({ strapi }: Context) => {
  runtimeOf(strapi).watch.start();
};

/** The suppression list's unique index (an address once per scope, whichever process adds it). */
const prepareSuppressions = async ({ strapi }: Context) => {
  await runtimeOf(strapi).deliverability.suppressions.ensureIndexes();
};

/** The send log's index on batches (the campaign pages' filter and send-rate chart). */
const prepareSendLog = async ({ strapi }: Context) => {
  await runtimeOf(strapi).sendLog.ensureIndexes();
};

/** The campaign queue: indexes, then (unless `queue.worker: false`) this process starts sending queued mail. */
const startQueue = async ({ strapi }: Context) => {
  await runtimeOf(strapi).queue.start();
};

const bootstrap = async (context: Context) => {
  await registerPermissions(context);
  registerWebhookEvents(context);
  checkEncryptionKey(context);
  await bindLegacySecrets(context);
  await warnUnreadableSecrets(context);
  installEmailProvider(context);
  scheduleRetention(context);
  startAccountWatch(context);
  await prepareSuppressions(context);
  await prepareSendLog(context);
  await startQueue(context);
};

export default bootstrap;
