import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../shared/constants';

/** Writes the last send-log entries, then closes every pooled SMTP connection. */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.plugin(PLUGIN_ID).service('sendLog').stop();
  strapi.plugin(PLUGIN_ID).service('accountIndex').close();
  strapi.plugin(PLUGIN_ID).service('mailer').uninstall();
};

export default destroy;
