import { DnsTempError, type DnsClient } from './dns-client';
import { checkDomain } from './domain-check';
import { evaluateSpf } from './spf';

/** An in-memory zone: name → records (`TXT`, `A`, `MX`); a name mapped to 'TEMP' fails like an unreachable server. */
const zone = (
  records: Record<string, { txt?: string[]; a?: string[]; mx?: string[] } | 'TEMP'>
): DnsClient => {
  const get = (name: string) => {
    const entry = records[name.toLowerCase()];
    if (entry === 'TEMP') throw new DnsTempError(name, 'ETIMEOUT');
    return entry;
  };
  return {
    txt: async (name) => get(name)?.txt ?? null,
    addresses: async (name) => get(name)?.a ?? null,
    mx: async (name) => get(name)?.mx ?? null,
  };
};

describe('SPF', () => {
  const dns = zone({
    'example.test': {
      txt: ['v=spf1 ip4:192.0.2.0/24 include:_spf.provider.test -all', 'some other text'],
      mx: ['mx.example.test'],
    },
    '_spf.provider.test': { txt: ['v=spf1 a:out.provider.test mx ~all'] },
    'out.provider.test': { a: ['198.51.100.7'] },
    'soft.test': { txt: ['v=spf1 ~all'] },
    'redirect.test': { txt: ['v=spf1 redirect=example.test'] },
    'two.test': { txt: ['v=spf1 -all', 'v=spf1 +all'] },
    'loop.test': { txt: ['v=spf1 include:loop.test'] },
    'v6.test': { txt: ['v=spf1 ip6:2001:db8::/32 -all'] },
    'mx.test': { txt: ['v=spf1 mx -all'], mx: ['mail.mx.test'] },
    'mail.mx.test': { a: ['203.0.113.9'] },
    'down.test': 'TEMP',
    'exists.test': { txt: ['v=spf1 exists:%{i}.allow.exists.test -all'] },
    '203.0.113.5.allow.exists.test': { a: ['127.0.0.2'] },
  });

  it.each([
    ['example.test', '192.0.2.44', 'pass'],
    ['example.test', '198.51.100.7', 'pass'],
    ['example.test', '203.0.113.1', 'fail'],
    ['soft.test', '203.0.113.1', 'softfail'],
    ['redirect.test', '192.0.2.1', 'pass'],
    ['redirect.test', '10.0.0.1', 'fail'],
    ['nothing.test', '192.0.2.1', 'none'],
    ['two.test', '192.0.2.1', 'permerror'],
    ['loop.test', '192.0.2.1', 'permerror'],
    ['v6.test', '2001:db8::25', 'pass'],
    ['v6.test', '2001:db9::25', 'fail'],
    ['mx.test', '203.0.113.9', 'pass'],
    ['down.test', '192.0.2.1', 'temperror'],
    ['exists.test', '203.0.113.5', 'pass'],
    ['exists.test', '203.0.113.6', 'fail'],
  ])('%s for %s: %s', async (domain, ip, result) => {
    expect((await evaluateSpf(domain, ip, dns)).result).toBe(result);
  });

  it('answers the record it evaluated', async () => {
    expect(await evaluateSpf('example.test', '192.0.2.44', dns)).toMatchObject({
      record: 'v=spf1 ip4:192.0.2.0/24 include:_spf.provider.test -all',
    });
  });
});

describe('domain check', () => {
  const key = { selector: 's1', publicKey: 'AAAAKEY' };
  it('ok: SPF and DKIM pass, DMARC published (the policy read)', async () => {
    const dns = zone({
      'good.test': { txt: ['v=spf1 ip4:127.0.0.1 -all'] },
      's1._domainkey.good.test': { txt: ['v=DKIM1; k=rsa; p=AAAAKEY'] },
      '_dmarc.good.test': { txt: ['v=DMARC1; p=quarantine; rua=mailto:d@good.test'] },
    });
    expect(
      await checkDomain({ domain: 'good.test', ip: '127.0.0.1', dkim: key }, dns)
    ).toMatchObject({
      status: 'ok',
      spf: { result: 'pass' },
      dkim: { result: 'pass', selector: 's1' },
      dmarc: { result: 'present', policy: 'quarantine' },
      alignment: { dkim: true, spf: true },
    });
  });

  it('a DMARC record on the parent domain counts', async () => {
    const dns = zone({
      'news.good.test': { txt: ['v=spf1 ip4:127.0.0.1 -all'] },
      's1._domainkey.news.good.test': { txt: ['v=DKIM1; k=rsa; p=AAAAKEY'] },
      '_dmarc.good.test': { txt: ['v=DMARC1; p=reject'] },
    });
    expect(
      (await checkDomain({ domain: 'news.good.test', ip: '127.0.0.1', dkim: key }, dns)).dmarc
    ).toMatchObject({ result: 'present', policy: 'reject' });
  });

  it('warning and failing: a wrong key, no DMARC, SPF failing', async () => {
    const dns = zone({
      'half.test': { txt: ['v=spf1 ip4:127.0.0.1 -all'] },
      's1._domainkey.half.test': { txt: ['v=DKIM1; k=rsa; p=OTHERKEY'] },
    });
    expect(
      await checkDomain({ domain: 'half.test', ip: '127.0.0.1', dkim: key }, dns)
    ).toMatchObject({
      status: 'warning',
      dkim: { result: 'mismatch' },
      dmarc: { result: 'missing' },
    });
    expect(
      await checkDomain({ domain: 'half.test', ip: '10.9.9.9', dkim: null }, dns)
    ).toMatchObject({
      status: 'failing',
      spf: { result: 'fail' },
      dkim: { result: 'nokey' },
    });
  });

  it('DNS unreachable: unknown, each part says temperror', async () => {
    const dns = zone({
      'down.test': 'TEMP',
      '_dmarc.down.test': 'TEMP',
      's1._domainkey.down.test': 'TEMP',
      '_dmarc.test': 'TEMP',
    });
    expect(
      await checkDomain({ domain: 'down.test', ip: '127.0.0.1', dkim: key }, dns)
    ).toMatchObject({
      status: 'unknown',
      spf: { result: 'temperror' },
      dkim: { result: 'temperror' },
      dmarc: { result: 'temperror' },
    });
  });
});
