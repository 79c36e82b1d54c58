import type { DomainCheck } from '../../../shared/contracts/deliverability';
import { DnsTempError, type DnsClient } from './dns-client';
import { dkimName, publicKeyOf } from './dkim-keys';
import { evaluateSpf } from './spf';

export interface DomainCheckInput {
  /** The From domain (the account's address's domain). */
  domain: string;
  /** The address mail leaves from (the account's server, as the `hosts` policy resolved it); null when unknown. */
  ip: string | null;
  /** This app's DKIM key for the domain, when there is one. */
  dkim: { selector: string; publicKey: string } | null;
}

const tagsOf = (record: string) =>
  Object.fromEntries(
    record
      .split(';')
      .map((part) => part.trim().split('='))
      .filter((pair) => pair.length >= 2)
      .map(([name, ...value]) => [name.trim().toLowerCase(), value.join('=').trim()])
  ) as Record<string, string>;

/** `_dmarc.<domain>`, else the parent domains' (the organizational domain, without a public-suffix list). */
const findDmarc = async (domain: string, dns: DnsClient) => {
  const labels = domain.split('.');
  for (let start = 0; start <= labels.length - 2; start++) {
    const name = `_dmarc.${labels.slice(start).join('.')}`;
    const record = ((await dns.txt(name)) ?? []).find((r) => /^v=DMARC1\b/i.test(r.trim()));
    if (record) return record.trim();
  }
  return null;
};

/**
 * What the big mailbox providers look at for a bulk sender: SPF for the account's server, this app's DKIM
 * key published at its selector, a DMARC record (and its policy), and alignment with the From domain
 * (the plugin signs with d= the From domain and sends with the From address as envelope sender).
 */
export const checkDomain = async (
  { domain, ip, dkim }: DomainCheckInput,
  dns: DnsClient
): Promise<DomainCheck> => {
  const spf = ip
    ? await evaluateSpf(domain, ip, dns)
    : {
        result: 'none' as const,
        record: null,
        detail: "the account's server has no known address",
      };

  let dkimResult: DomainCheck['dkim'] = { result: 'nokey', selector: null, record: null };
  if (dkim) {
    try {
      const records = (await dns.txt(dkimName(dkim.selector, domain))) ?? [];
      const record = records.find((r) => /(^|;)\s*p=/i.test(r)) ?? null;
      const published = record ? publicKeyOf(record) : null;
      dkimResult = {
        result: !record ? 'missing' : published === dkim.publicKey ? 'pass' : 'mismatch',
        selector: dkim.selector,
        record,
      };
    } catch (error) {
      if (!(error instanceof DnsTempError)) throw error;
      dkimResult = { result: 'temperror', selector: dkim.selector, record: null };
    }
  }

  let dmarc: DomainCheck['dmarc'];
  try {
    const record = await findDmarc(domain, dns);
    const policy = record ? tagsOf(record).p?.toLowerCase() : undefined;
    dmarc = {
      result: record ? 'present' : 'missing',
      record,
      policy: policy === 'none' || policy === 'quarantine' || policy === 'reject' ? policy : null,
    };
  } catch (error) {
    if (!(error instanceof DnsTempError)) throw error;
    dmarc = { result: 'temperror', record: null, policy: null };
  }

  const alignment = { dkim: dkimResult.result === 'pass', spf: spf.result === 'pass' };
  const unreachable = spf.result === 'temperror' && dmarc.result === 'temperror';
  const status: DomainCheck['status'] = unreachable
    ? 'unknown'
    : alignment.dkim && alignment.spf && dmarc.result === 'present'
      ? 'ok'
      : alignment.dkim || alignment.spf
        ? 'warning'
        : 'failing';
  return {
    checkedAt: new Date().toISOString(),
    domain,
    spf: { ...spf, ip },
    dkim: dkimResult,
    dmarc,
    alignment,
    status,
  };
};
