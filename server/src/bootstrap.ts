import type { Core } from '@strapi/strapi';
import { ACTIONS, PLUGIN_ID, WEBHOOK_EVENTS } from '../../shared/constants';
import { getService } from './get-service';

type Context = { strapi: Core.Strapi };

const registerPermissions = async ({ strapi }: Context) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
};

/** Fails start-up with an actionable message instead of failing the first save. */
const checkEncryptionKey = ({ strapi }: Context) => {
  strapi.plugin(PLUGIN_ID).service('secrets').assertKey();
};

/**
 * Passwords sealed with another key (an export imported into this app, a changed key) cannot log in:
 * say which accounts need their password re-entered — by id and address, never the value.
 */
const warnUnreadablePasswords = async ({ strapi }: Context) => {
  for (const { id, email } of await strapi.plugin(PLUGIN_ID).service('secrets').findUnreadable()) {
    strapi.log.warn(
      `[${PLUGIN_ID}] SMTP account #${id} <${email}>: its stored password cannot be decrypted with this server's encryption key ` +
        '(imported from another app, or the key changed). It does not send until you re-enter its password in the admin panel ' +
        '(or re-encrypt with smtp-accounts-rekey and the old key).'
    );
  }
};

/** The email plugin bootstraps first, so its configured provider exists: keep it as the stock provider. */
const installEmailProvider = ({ strapi }: Context) => {
  strapi.plugin(PLUGIN_ID).service('mailer').install();
};

/** Retention of the send log: pruned hourly (and now). */
const scheduleLogPruning = ({ strapi }: Context) => {
  strapi.plugin(PLUGIN_ID).service('sendLog').startPruning();
};

/** Webhook events, allowed in Strapi's webhook store (its Settings → Webhooks form lists only Strapi's own: add them through its API). */
const registerWebhookEvents = ({ strapi }: Context) => {
  for (const [key, event] of Object.entries(WEBHOOK_EVENTS)) strapi.get('webhookStore').addAllowedEvent(`SMTP_ACCOUNT_${key.toUpperCase()}`, event);
};

/** The scheduled re-check (setting `recheckIntervalMinutes`, off by default). */
const startAccountWatch = ({ strapi }: Context) => {
  getService(strapi, 'accountWatch').start();
};

/** The campaign queue: indexes, then (unless `queue.worker: false`) this process starts sending queued mail. */
const startQueue = async ({ strapi }: Context) => {
  await getService(strapi, 'queue').start();
};

const bootstrap = async (context: Context) => {
  await registerPermissions(context);
  registerWebhookEvents(context);
  checkEncryptionKey(context);
  await warnUnreadablePasswords(context);
  installEmailProvider(context);
  scheduleLogPruning(context);
  startAccountWatch(context);
  await startQueue(context);
};

export default bootstrap;
