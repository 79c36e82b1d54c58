import type { ModuleSettings } from '../../../shared/contracts/settings';
import type { RedisConfig } from '../queue/redis-connection';
import { hostPolicyProblems, type HostPolicyConfig } from '../transport/host-policy';

export interface PluginConfig {
  /** Key text for the passwords' AES-256-GCM encryption; empty → Strapi's `admin.secrets.encryptionKey`. */
  encryptionKey: string;
  /**
   * nodemailer timeouts for every connection, verification and send alike; `sendMs` bounds one pooled send
   * attempt as a whole (a server trickling its replies resets the socket timeout, never this one).
   */
  timeouts: { connectionMs: number; greetingMs: number; socketMs: number; sendMs: number };
  /** One pooled transport per account: at most this many connections, recycled after maxMessages, closed after idleMs. */
  pool: { maxConnections: number; maxMessages: number; idleMs: number };
  /** Other Strapi processes on the same database: accounts and settings changed there are seen within intervalMs. */
  sync: { intervalMs: number };
  /** Extra Node TLS options for every connection, e.g. `{ ca: fs.readFileSync('corp-ca.pem') }`. */
  tls: Record<string, unknown>;
  /** Presets for the module settings (used until an admin saves them in the panel). */
  settings: Partial<ModuleSettings>;
  /** Where account hosts may point: allow/deny lists of host names and CIDR ranges (metadata addresses denied by default). */
  hosts: HostPolicyConfig;
  /** The longest From line accepted by a send (longer ones are refused before parsing). */
  maxFromLength: number;
  /** OAuth2 accounts: refresh this long before expiry; the refresh lock's lifetime; token-request deadline; sign-in validity; the most of a token answer read. */
  oauth: {
    refreshMarginMs: number;
    lockMs: number;
    timeoutMs: number;
    stateTtlMs: number;
    maxResponseBytes: number;
  };
  /**
   * The campaign queue. No `redis`: the embedded engine keeps it in Strapi's database and sends from this
   * process. With `redis` (an ioredis URL or options): BullMQ, every instance sends, limits kept in Redis.
   * `worker: false` makes a process only enqueue. `concurrency`: mails in flight per process.
   * `leaseMs`: a mail held by a process that stopped answering is taken back after this long.
   */
  /** DNS for the domain check: resolvers to ask (`ip` or `ip:port`; empty: the system's) and one lookup's limit. */
  dns: { servers: string[]; timeoutMs: number };
  /**
   * One-click unsubscribe links: the public origin they point at (empty: Strapi's `server.url`; mailbox
   * providers want https) and an address that takes unsubscribe mails (empty: none).
   */
  unsubscribe: { baseUrl: string; mailto: string };
  queue: {
    redis: RedisConfig | null;
    worker: boolean;
    concurrency: number;
    pollMs: number;
    leaseMs: number;
    retryDelaysMs: number[] | null;
  };
}

type Env = ((key: string, fallback?: string) => string) & { int?: unknown };

const defaults = ({ env }: { env: Env }): PluginConfig => ({
  encryptionKey: env('SMTP_ACCOUNTS_ENCRYPTION_KEY', ''),
  timeouts: { connectionMs: 5000, greetingMs: 5000, socketMs: 30000, sendMs: 60000 },
  pool: { maxConnections: 5, maxMessages: 1000, idleMs: 30000 },
  sync: { intervalMs: 2000 },
  tls: {},
  settings: {},
  hosts: { allow: [], deny: [], denyMetadata: true },
  maxFromLength: 998,
  oauth: {
    refreshMarginMs: 120000,
    lockMs: 30000,
    timeoutMs: 10000,
    stateTtlMs: 10 * 60 * 1000,
    maxResponseBytes: 256 * 1024,
  },
  dns: { servers: [], timeoutMs: 3000 },
  unsubscribe: { baseUrl: '', mailto: '' },
  queue: {
    redis: null,
    worker: true,
    concurrency: 16,
    pollMs: 1000,
    leaseMs: 60000,
    retryDelaysMs: null,
  },
});

/** Retries of a queued mail that failed for a reason that may pass: after 1, 5, 15 and 60 minutes. */
export const DEFAULT_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];

const bullmqInstalled = () => {
  try {
    require.resolve('bullmq');
    return true;
  } catch {
    return false;
  }
};

const positiveInt = (value: unknown) => Number.isInteger(value) && (value as number) > 0;

/** Throws on a bad config so that Strapi refuses to start with a message naming the key. */
const validator = (config: PluginConfig) => {
  const problems: string[] = [];
  if (typeof config.encryptionKey !== 'string') problems.push('encryptionKey must be a string');
  for (const key of ['connectionMs', 'greetingMs', 'socketMs', 'sendMs'] as const) {
    if (!positiveInt(config.timeouts?.[key]))
      problems.push(`timeouts.${key} must be a positive integer (ms)`);
  }
  for (const key of ['maxConnections', 'maxMessages', 'idleMs'] as const) {
    if (!positiveInt(config.pool?.[key])) problems.push(`pool.${key} must be a positive integer`);
  }
  if (!positiveInt(config.sync?.intervalMs))
    problems.push('sync.intervalMs must be a positive integer (ms)');
  if (typeof config.tls !== 'object' || config.tls === null)
    problems.push('tls must be an object of Node TLS options');
  if (typeof config.settings !== 'object' || config.settings === null)
    problems.push('settings must be an object');
  problems.push(...hostPolicyProblems(config.hosts));
  for (const key of [
    'refreshMarginMs',
    'lockMs',
    'timeoutMs',
    'stateTtlMs',
    'maxResponseBytes',
  ] as const) {
    if (!positiveInt(config.oauth?.[key]))
      problems.push(`oauth.${key} must be a positive integer (ms)`);
  }
  if (!positiveInt(config.maxFromLength) || config.maxFromLength > 998)
    problems.push("maxFromLength must be a whole number between 1 and 998 (RFC 5322's line limit)");
  if (
    !Array.isArray(config.dns?.servers) ||
    config.dns.servers.some((server) => typeof server !== 'string' || !server.trim())
  ) {
    problems.push(
      'dns.servers must be a list of resolver addresses ("ip" or "ip:port"), or [] for the system\'s'
    );
  }
  if (!positiveInt(config.dns?.timeoutMs))
    problems.push('dns.timeoutMs must be a positive integer (ms)');
  if (
    typeof config.unsubscribe?.baseUrl !== 'string' ||
    (config.unsubscribe.baseUrl && !/^https?:\/\/[^\s/]+/i.test(config.unsubscribe.baseUrl))
  ) {
    problems.push(
      'unsubscribe.baseUrl must be an http(s) origin such as https://www.example.com, or empty for server.url'
    );
  }
  if (
    typeof config.unsubscribe?.mailto !== 'string' ||
    (config.unsubscribe.mailto && !/^[^\s@<>]+@[^\s@<>]+$/.test(config.unsubscribe.mailto))
  ) {
    problems.push('unsubscribe.mailto must be an email address, or empty');
  }
  const queue = config.queue;
  if (typeof queue !== 'object' || queue === null) problems.push('queue must be an object');
  else {
    if (queue.redis != null && typeof queue.redis !== 'string' && typeof queue.redis !== 'object')
      problems.push('queue.redis must be a redis:// URL or ioredis options');
    if (queue.redis && !bullmqInstalled())
      problems.push(
        'queue.redis is set, but the package "bullmq" is not installed: npm install bullmq'
      );
    if (typeof queue.worker !== 'boolean') problems.push('queue.worker must be true or false');
    if (!positiveInt(queue.concurrency) || queue.concurrency > 500)
      problems.push('queue.concurrency must be a whole number between 1 and 500');
    for (const key of ['pollMs', 'leaseMs'] as const)
      if (!positiveInt(queue[key])) problems.push(`queue.${key} must be a positive integer (ms)`);
    // null: DEFAULT_RETRY_DELAYS_MS (a non-empty default array would be merged index by index with the app's own by Strapi)
    if (
      queue.retryDelaysMs !== null &&
      (!Array.isArray(queue.retryDelaysMs) ||
        queue.retryDelaysMs.length > 20 ||
        !queue.retryDelaysMs.every(positiveInt))
    ) {
      problems.push(
        'queue.retryDelaysMs must be a list of at most 20 positive integers (ms); [] never retries'
      );
    }
    if (positiveInt(queue.leaseMs) && queue.leaseMs < 5000)
      problems.push('queue.leaseMs must be at least 5000 (a send must fit in it)');
  }
  if (problems.length) throw new Error(`smtp-accounts config: ${problems.join('; ')}`);
};

export default { default: defaults, validator };
