import type { Core } from '@strapi/strapi';
import { getService } from './get-service';

/** Writes the last send-log entries, then closes every pooled SMTP connection. */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  getService(strapi, 'accountWatch').stop();
  await getService(strapi, 'sendLog').stop();
  getService(strapi, 'accountIndex').close();
  getService(strapi, 'mailer').uninstall();
};

export default destroy;
