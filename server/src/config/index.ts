import type { ModuleSettings } from '../../../shared/contracts/settings';
import { hostPolicyProblems, type HostPolicyConfig } from '../transport/host-policy';

export interface PluginConfig {
  /** Key text for the passwords' AES-256-GCM encryption; empty → Strapi's `admin.secrets.encryptionKey`. */
  encryptionKey: string;
  /** nodemailer timeouts for every connection, verification and send alike. */
  timeouts: { connectionMs: number; greetingMs: number; socketMs: number };
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
}

type Env = ((key: string, fallback?: string) => string) & { int?: unknown };

const defaults = ({ env }: { env: Env }): PluginConfig => ({
  encryptionKey: env('SMTP_ACCOUNTS_ENCRYPTION_KEY', ''),
  timeouts: { connectionMs: 5000, greetingMs: 5000, socketMs: 30000 },
  pool: { maxConnections: 5, maxMessages: 1000, idleMs: 30000 },
  sync: { intervalMs: 2000 },
  tls: {},
  settings: {},
  hosts: { allow: [], deny: [], denyMetadata: true },
  maxFromLength: 998,
});

const positiveInt = (value: unknown) => Number.isInteger(value) && (value as number) > 0;

/** Throws on a bad config so that Strapi refuses to start with a message naming the key. */
const validator = (config: PluginConfig) => {
  const problems: string[] = [];
  if (typeof config.encryptionKey !== 'string') problems.push('encryptionKey must be a string');
  for (const key of ['connectionMs', 'greetingMs', 'socketMs'] as const) {
    if (!positiveInt(config.timeouts?.[key])) problems.push(`timeouts.${key} must be a positive integer (ms)`);
  }
  for (const key of ['maxConnections', 'maxMessages', 'idleMs'] as const) {
    if (!positiveInt(config.pool?.[key])) problems.push(`pool.${key} must be a positive integer`);
  }
  if (!positiveInt(config.sync?.intervalMs)) problems.push('sync.intervalMs must be a positive integer (ms)');
  if (typeof config.tls !== 'object' || config.tls === null) problems.push('tls must be an object of Node TLS options');
  if (typeof config.settings !== 'object' || config.settings === null) problems.push('settings must be an object');
  problems.push(...hostPolicyProblems(config.hosts));
  if (!positiveInt(config.maxFromLength) || config.maxFromLength > 998) problems.push('maxFromLength must be a whole number between 1 and 998 (RFC 5322\'s line limit)');
  if (problems.length) throw new Error(`smtp-accounts config: ${problems.join('; ')}`);
};

export default { default: defaults, validator };
