import { promises as dns } from 'node:dns';
import net from 'node:net';

/**
 * Where the server may open SMTP connections. Account hosts are chosen by editors, and the server
 * connects from inside the network: without a policy an account could point at a cloud metadata
 * service or an internal host. Addresses are checked after name resolution, so a name cannot hide one.
 */
export interface HostPolicyConfig {
  /** Host names (`mail.example.com`, `*.example.com`) or CIDR ranges; empty = any host not denied. */
  allow: string[];
  /** Host names or CIDR ranges never connected to. */
  deny: string[];
  /** Deny link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10, fd00:ec2::254, 100.100.100.200). */
  denyMetadata: boolean;
}

/** Link-local and the clouds' metadata / host services (AWS, GCP, Azure, Alibaba, Oracle), and "this host". */
export const METADATA_RANGES = [
  '169.254.0.0/16',
  'fe80::/10',
  'fd00:ec2::254/128',
  '100.100.100.200/32',
  '168.63.129.16/32',
  '192.0.0.192/32',
  '0.0.0.0/8',
  '::/128',
];

export class HostDeniedError extends Error {
  readonly code = 'EHOSTDENIED';
  constructor(
    readonly host: string,
    reason: string
  ) {
    super(
      `The host "${host}" is not allowed for SMTP accounts (${reason}); see the plugin's \`hosts\` setting.`
    );
    this.name = 'HostDeniedError';
  }
}

/** The name has no address (a typo, or DNS down): not a policy refusal, and said apart from one. */
export class HostUnresolvedError extends Error {
  readonly code = 'EDNS';
  constructor(readonly host: string) {
    super(`The host name "${host}" does not resolve (no address found): check it for a typo.`);
    this.name = 'HostUnresolvedError';
  }
}

type Rule = { kind: 'cidr'; list: net.BlockList } | { kind: 'name'; pattern: string };

const toRule = (entry: string): Rule => {
  const text = entry.trim().toLowerCase();
  const [address, bits] = text.split('/');
  const family = net.isIP(address);
  if (family) {
    const list = new net.BlockList();
    const type = family === 6 ? 'ipv6' : 'ipv4';
    list.addSubnet(address, bits === undefined ? (family === 6 ? 128 : 32) : Number(bits), type);
    return { kind: 'cidr', list };
  }
  return { kind: 'name', pattern: text };
};

const nameMatches = (pattern: string, host: string) =>
  pattern.startsWith('*.')
    ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1
    : host === pattern;

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::/96) IPv6 address. */
const embeddedIPv4 = (address: string): string | null => {
  if (net.isIP(address) !== 6) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  const list = new net.BlockList();
  for (const prefix of ['::ffff:0:0', '64:ff9b::']) list.addSubnet(prefix, 96, 'ipv6');
  if (!list.check(address, 'ipv6')) return null;
  // the last 32 bits, read through the canonical form Node's URL parser gives
  const groups = new URL(`http://[${address}]/`).hostname.slice(1, -1).split(':');
  const [high, low] = [groups[groups.length - 2] ?? '0', groups[groups.length - 1] ?? '0'].map(
    (g) => parseInt(g || '0', 16)
  );
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
};

const addressMatches = (rule: Rule, address: string) => {
  if (rule.kind !== 'cidr') return false;
  const family = net.isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (rule.list.check(address, family)) return true;
  // an IPv4-mapped or NAT64 IPv6 address is checked as the IPv4 address it reaches too
  const inner = embeddedIPv4(address);
  return inner !== null && rule.list.check(inner, 'ipv4');
};

/** Validates the config shape (called by the plugin's config validator). */
export const hostPolicyProblems = (config: Partial<HostPolicyConfig> | undefined): string[] => {
  const problems: string[] = [];
  for (const key of ['allow', 'deny'] as const) {
    const list = config?.[key];
    if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string' || !entry.trim())) {
      problems.push(`hosts.${key} must be an array of host names or CIDR ranges`);
      continue;
    }
    for (const entry of list) {
      const [address, bits] = entry.trim().split('/');
      if (
        bits !== undefined &&
        (!net.isIP(address) ||
          !/^\d+$/.test(bits) ||
          Number(bits) > (net.isIP(address) === 6 ? 128 : 32))
      ) {
        problems.push(`hosts.${key}: "${entry}" is not a valid CIDR range`);
      }
    }
  }
  if (typeof config?.denyMetadata !== 'boolean')
    problems.push('hosts.denyMetadata must be true or false');
  return problems;
};

type Resolve = (name: string) => Promise<string[]>;
const systemResolve: Resolve = async (name) =>
  (await dns.lookup(name, { all: true, verbatim: true })).map((entry) => entry.address);

/** `resolve` is the system resolver (getaddrinfo, as connections use); another one serves the unit tests. */
export const createHostPolicy = (config: HostPolicyConfig, resolve: Resolve = systemResolve) => {
  const allow = config.allow.map(toRule);
  const deny = [...config.deny, ...(config.denyMetadata ? METADATA_RANGES : [])].map(toRule);

  const check = (host: string, addresses: string[]) => {
    const name = host.toLowerCase().replace(/^\[|\]$/g, '');
    for (const rule of deny) {
      if (
        (rule.kind === 'name' && nameMatches(rule.pattern, name)) ||
        addresses.some((a) => addressMatches(rule, a))
      ) {
        throw new HostDeniedError(host, 'denied');
      }
    }
    if (allow.length === 0) return;
    const allowed = allow.some((rule) =>
      rule.kind === 'name'
        ? nameMatches(rule.pattern, name)
        : addresses.length > 0 && addresses.every((a) => addressMatches(rule, a))
    );
    if (!allowed) throw new HostDeniedError(host, 'not in the allow list');
  };

  return {
    /**
     * Resolves the host (every address it has), throws HostDeniedError when the policy refuses it,
     * HostUnresolvedError when it does not resolve, and answers the address to connect to. The caller connects to that
     * address (with the name for TLS), so a second look-up cannot lead somewhere else (DNS rebinding).
     */
    async admit(host: string): Promise<string> {
      const literal = host.replace(/^\[|\]$/g, '');
      if (net.isIP(literal)) {
        check(host, [literal]);
        return literal;
      }
      const addresses = await resolve(literal).catch((): string[] => []);
      if (addresses.length === 0) throw new HostUnresolvedError(host);
      check(host, addresses);
      return addresses[0];
    },
  };
};

export type HostPolicy = ReturnType<typeof createHostPolicy>;

const ADMISSION_TTL_MS = 60_000;

/**
 * The policy as the plugin uses it: `admit(host)` answers the checked address to connect to (or throws
 * HostDeniedError / HostUnresolvedError); `{ cached: true }` reuses a minute-old answer, for the send path,
 * where a DNS look-up per mail would cost more than the mail.
 */
export const createHostAdmission = (config: () => HostPolicyConfig) => {
  const answers = new Map<string, { until: number; address: string; error: Error | null }>();
  return {
    async admit(host: string, { cached = false } = {}): Promise<string> {
      const now = Date.now();
      const known = cached ? answers.get(host) : undefined;
      if (known && known.until > now) {
        if (known.error) throw known.error;
        return known.address;
      }
      let address = '';
      let error: Error | null = null;
      try {
        address = await createHostPolicy(config()).admit(host);
      } catch (refusal) {
        error = refusal as Error;
      }
      if (answers.size > 10_000) answers.clear();
      answers.set(host, { until: now + ADMISSION_TTL_MS, address, error });
      if (error) throw error;
      return address;
    },
    clear: () => answers.clear(),
  };
};

export type HostAdmission = ReturnType<typeof createHostAdmission>;
