import path from 'node:path';

/** `queue.redis` in the plugin config: an ioredis URL (`redis://…`) or ioredis options ({ host, port, password, db, tls… }). */
export type RedisConfig = string | Record<string, unknown>;

type RedisClient = { quit(): Promise<unknown>; disconnect(): void; status: string };
type RedisConstructor = new (target: unknown, options?: Record<string, unknown>) => RedisClient;

/**
 * bullmq is an optional peer: loaded only when `queue.redis` is set, with the ioredis it depends on
 * (the same copy BullMQ uses, wherever npm placed it).
 */
export const loadBullmq = (): typeof import('bullmq') => {
  try {
    // an optional peer, loaded only when configured: a static import would make it required
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('bullmq') as typeof import('bullmq');
  } catch {
    throw new Error(
      'smtp-accounts config: queue.redis is set, but the package "bullmq" is not installed (npm install bullmq)'
    );
  }
};

const loadIORedis = (): RedisConstructor => {
  const bullmqDir = path.dirname(require.resolve('bullmq/package.json'));
  // the ioredis copy next to bullmq (resolved at run time, from wherever npm placed it)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(require.resolve('ioredis', { paths: [bullmqDir] })) as {
    default?: RedisConstructor;
  } & RedisConstructor;
  return loaded.default ?? loaded;
};

const clients = new Map<string, RedisClient>();

/**
 * One ioredis connection per purpose and process (limits, the queue's producer, its workers).
 * `maxRetriesPerRequest: null`: BullMQ's workers block on Redis and require it.
 */
export const redisClient = (config: RedisConfig, purpose: string): never => {
  let client = clients.get(purpose);
  if (!client || client.status === 'end') {
    loadBullmq();
    const IORedis = loadIORedis();
    const options = { maxRetriesPerRequest: null, enableOfflineQueue: true };
    client =
      typeof config === 'string'
        ? new IORedis(config, options)
        : new IORedis({ ...config, ...options });
    clients.set(purpose, client);
  }
  return client as never;
};

/** Closes every connection opened here (plugin destroy). */
export const closeRedisClients = async () => {
  const open = [...clients.values()];
  clients.clear();
  await Promise.all(open.map((client) => client.quit().catch(() => client.disconnect())));
};
