import type { Core } from '@strapi/strapi';
import { closeRedisClients } from './queue/redis-connection';
import { runtimeOf } from './runtime';

/** Lets the queued sends in flight finish, writes the last send-log entries, then closes every pooled SMTP connection. */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  const runtime = runtimeOf(strapi);
  await runtime.queue.stop();
  runtime.retention.stop();
  runtime.watch.stop();
  await runtime.sendLog.stop();
  runtime.index.close();
  runtime.mailer.uninstall();
  await closeRedisClients();
};

export default destroy;
