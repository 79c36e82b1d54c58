import { Resolver } from 'node:dns/promises';

/** The DNS answered that it cannot answer now (a timeout, SERVFAIL, refused): not the same as "no record". */
export class DnsTempError extends Error {
  readonly code = 'EDNSTEMP';
  constructor(name: string, reason: string) {
    super(`DNS lookup of ${name} failed: ${reason}`);
    this.name = 'DnsTempError';
  }
}

export interface DnsConfig {
  /** Resolvers to ask (`ip` or `ip:port`); empty: the system's. */
  servers: string[];
  /** One lookup's limit. */
  timeoutMs: number;
}

/** What the checks need of the DNS: `null` means the name or the record type does not exist. */
export interface DnsClient {
  txt(name: string): Promise<string[] | null>;
  addresses(name: string): Promise<string[] | null>;
  mx(name: string): Promise<string[] | null>;
}

const MISSING = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN', 'ENONAME']);

/**
 * A DNS client on `dns.Resolver` with the configured servers (so tests run against a local DNS server and
 * nothing here asks the internet), one timeout per lookup and no retries beyond one.
 */
export const createDnsClient = (config: DnsConfig): DnsClient => {
  const resolver = new Resolver({ timeout: config.timeoutMs, tries: 1 });
  if (config.servers.length) resolver.setServers(config.servers);

  const ask = async <T>(name: string, lookup: () => Promise<T>): Promise<T | null> => {
    try {
      return await lookup();
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (MISSING.has(code)) return null;
      throw new DnsTempError(name, code || (error as Error).message);
    }
  };

  return {
    txt: async (name) =>
      (await ask(name, () => resolver.resolveTxt(name)))?.map((chunks) => chunks.join('')) ?? null,
    async addresses(name) {
      const [v4, v6] = await Promise.all([
        ask(name, () => resolver.resolve4(name)),
        ask(name, () => resolver.resolve6(name)),
      ]);
      if (v4 === null && v6 === null) return null;
      return [...(v4 ?? []), ...(v6 ?? [])];
    },
    mx: async (name) =>
      (await ask(name, () => resolver.resolveMx(name)))
        ?.sort((a, b) => a.priority - b.priority)
        .map((r) => r.exchange) ?? null,
  };
};
