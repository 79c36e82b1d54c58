import type { Core } from '@strapi/strapi';
import { getService } from './get-service';
import { closeRedisClients } from './queue/redis-connection';

/** Lets the queued sends in flight finish, writes the last send-log entries, then closes every pooled SMTP connection. */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'queue').stop();
  getService(strapi, 'accountWatch').stop();
  await getService(strapi, 'sendLog').stop();
  getService(strapi, 'accountIndex').close();
  getService(strapi, 'mailer').uninstall();
  await closeRedisClients();
};

export default destroy;
