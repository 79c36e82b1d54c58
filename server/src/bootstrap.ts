import type { Core } from '@strapi/strapi';
import { ACTIONS, PLUGIN_ID } from '../../shared/constants';

type Context = { strapi: Core.Strapi };

const registerPermissions = async ({ strapi }: Context) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
};

/** Fails start-up with an actionable message instead of failing the first save. */
const checkEncryptionKey = ({ strapi }: Context) => {
  strapi.plugin(PLUGIN_ID).service('secrets').assertKey();
};

/** The email plugin bootstraps first, so its configured provider exists: keep it as the stock provider. */
const installEmailProvider = ({ strapi }: Context) => {
  strapi.plugin(PLUGIN_ID).service('mailer').install();
};

/** Retention of the send log: pruned hourly (and now). */
const scheduleLogPruning = ({ strapi }: Context) => {
  strapi.plugin(PLUGIN_ID).service('sendLog').startPruning();
};

/** Webhook events, so admins wire them in Settings → Webhooks like Strapi's own. */
const registerWebhookEvents = ({ strapi }: Context) => {
  strapi.get('webhookStore').addAllowedEvent('SMTP_ACCOUNT_REAUTH_REQUIRED', 'smtp-account.reauth-required');
};

const bootstrap = async (context: Context) => {
  await registerPermissions(context);
  registerWebhookEvents(context);
  checkEncryptionKey(context);
  installEmailProvider(context);
  scheduleLogPruning(context);
};

export default bootstrap;
