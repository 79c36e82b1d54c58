import net from 'node:net';
import type { SpfResult } from '../../../shared/contracts/deliverability';
import { DnsTempError, type DnsClient } from './dns-client';

export interface SpfOutcome {
  result: SpfResult;
  /** The domain's SPF record, as published. */
  record: string | null;
  detail: string | null;
}

class SpfError extends Error {
  constructor(
    readonly result: 'permerror' | 'temperror',
    message: string
  ) {
    super(message);
  }
}

const QUALIFIERS: Record<string, SpfResult> = {
  '+': 'pass',
  '-': 'fail',
  '~': 'softfail',
  '?': 'neutral',
};
const MAX_LOOKUPS = 10;

const inRange = (ip: string, base: string, bits: number) => {
  const family = net.isIP(ip);
  if (!family || net.isIP(base) !== family) return false;
  const list = new net.BlockList();
  list.addSubnet(base, bits, family === 6 ? 'ipv6' : 'ipv4');
  return list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
};

/** The IP as the `%{i}` macro spells it: dotted IPv4, or dotted nibbles of IPv6. */
const macroIp = (ip: string) => {
  if (net.isIPv4(ip)) return ip;
  const [head, tail] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups
    .map((g) => g.padStart(4, '0'))
    .join('')
    .split('')
    .join('.');
};

const expand = (spec: string, context: { ip: string; domain: string; sender: string }) =>
  spec.replace(/%\{([a-z])[^}]*\}|%%|%_|%-/gi, (match, letter?: string) => {
    if (match === '%%') return '%';
    if (match === '%_') return ' ';
    if (match === '%-') return '%20';
    switch ((letter ?? '').toLowerCase()) {
      case 'i':
        return macroIp(context.ip);
      case 'd':
      case 'h':
        return context.domain;
      case 's':
        return context.sender;
      case 'l':
        return context.sender.split('@')[0];
      case 'o':
        return context.sender.split('@')[1] ?? context.domain;
      default:
        throw new SpfError('permerror', `unsupported macro ${match}`);
    }
  });

/**
 * SPF (RFC 7208) for one IP and one domain: its record's mechanisms in order (`all`, `include`, `a`, `mx`,
 * `ip4`, `ip6`, `exists`, `ptr`), `redirect`, the 10-lookup limit, basic macros. Used by the domain check to
 * say whether the account's server may send for its From domain (the plugin's envelope sender is the From).
 */
export const evaluateSpf = async (
  domain: string,
  ip: string,
  dns: DnsClient
): Promise<SpfOutcome> => {
  let lookups = 0;
  let topRecord: string | null = null;
  const count = () => {
    lookups += 1;
    if (lookups > MAX_LOOKUPS)
      throw new SpfError('permerror', `more than ${MAX_LOOKUPS} DNS lookups`);
  };
  const txt = async (name: string) => {
    try {
      return await dns.txt(name);
    } catch (error) {
      if (error instanceof DnsTempError) throw new SpfError('temperror', error.message);
      throw error;
    }
  };
  const addressesOf = async (name: string) => {
    try {
      return (await dns.addresses(name)) ?? [];
    } catch (error) {
      if (error instanceof DnsTempError) throw new SpfError('temperror', error.message);
      throw error;
    }
  };

  const exchangesOf = async (name: string) => {
    try {
      return (await dns.mx(name)) ?? [];
    } catch (error) {
      if (error instanceof DnsTempError) throw new SpfError('temperror', error.message);
      throw error;
    }
  };

  const checkHost = async (target: string, top: boolean): Promise<SpfResult> => {
    const records = ((await txt(target)) ?? []).filter((r) => /^v=spf1(\s|$)/i.test(r.trim()));
    if (records.length === 0) return 'none';
    if (records.length > 1)
      throw new SpfError('permerror', `${target} publishes ${records.length} SPF records`);
    if (top) topRecord = records[0];
    const context = { ip, domain: target, sender: `postmaster@${domain}` };
    const terms = records[0].trim().split(/\s+/).slice(1);
    let redirect: string | null = null;
    for (const term of terms) {
      const modifier = /^([a-z][\w.-]*)=(.*)$/i.exec(term);
      if (modifier) {
        if (modifier[1].toLowerCase() === 'redirect') redirect = expand(modifier[2], context);
        continue;
      }
      const parsed = /^([+\-~?]?)([a-z0-9]+)(?::([^/]*))?(?:\/(\d+))?(?:\/\/(\d+))?$/i.exec(term);
      if (!parsed) throw new SpfError('permerror', `unknown term "${term.slice(0, 40)}"`);
      const [, qualifier, rawName, rawArg, cidr4, cidr6] = parsed;
      const name = rawName.toLowerCase();
      const result = QUALIFIERS[qualifier || '+'];
      const arg = rawArg ? expand(rawArg, context) : target;
      const bits = (family: number) => (family === 6 ? Number(cidr6 ?? 128) : Number(cidr4 ?? 32));
      let matched = false;
      switch (name) {
        case 'all':
          matched = true;
          break;
        case 'ip4':
        case 'ip6': {
          const address = rawArg ?? '';
          const family = net.isIP(address);
          if (!family) throw new SpfError('permerror', `bad ${name} "${address.slice(0, 40)}"`);
          const width = cidr4 !== undefined ? Number(cidr4) : family === 6 ? 128 : 32;
          matched = inRange(ip, address, width);
          break;
        }
        case 'a': {
          count();
          matched = (await addressesOf(arg)).some((address) =>
            inRange(ip, address, bits(net.isIP(address)))
          );
          break;
        }
        case 'mx': {
          count();
          for (const exchange of (await exchangesOf(arg)).slice(0, 10)) {
            if (
              (await addressesOf(exchange)).some((address) =>
                inRange(ip, address, bits(net.isIP(address)))
              )
            )
              matched = true;
          }
          break;
        }
        case 'include': {
          count();
          if (!rawArg) throw new SpfError('permerror', 'include without a domain');
          const inner = await checkHost(arg, false);
          if (inner === 'temperror')
            throw new SpfError('temperror', `include:${arg} could not be resolved`);
          if (inner === 'none' || inner === 'permerror')
            throw new SpfError('permerror', `include:${arg} has no usable SPF record`);
          matched = inner === 'pass';
          break;
        }
        case 'exists': {
          count();
          matched = (await addressesOf(arg)).length > 0;
          break;
        }
        case 'ptr':
          // deprecated (RFC 7208 §5.5) and slow: never matches here
          count();
          break;
        default:
          throw new SpfError('permerror', `unknown mechanism "${name}"`);
      }
      if (matched) return result;
    }
    if (redirect) {
      count();
      const inner = await checkHost(redirect, false);
      return inner === 'none' ? 'permerror' : inner;
    }
    return 'neutral';
  };

  try {
    const result = await checkHost(domain, true);
    return { result, record: topRecord, detail: null };
  } catch (error) {
    if (error instanceof SpfError)
      return { result: error.result, record: topRecord, detail: error.message };
    throw error;
  }
};
