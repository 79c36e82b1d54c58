import { createHostPolicy, HostDeniedError, hostPolicyProblems } from './host-policy';

const policy = (allow: string[] = [], deny: string[] = [], denyMetadata = true) =>
  createHostPolicy({ allow, deny, denyMetadata });

describe('host policy', () => {
  it.each([
    '169.254.169.254',
    '[fe80::1]',
    'fd00:ec2::254',
    '100.100.100.200',
    '::ffff:169.254.169.254',
    '0.0.0.0',
    '::',
    '168.63.129.16',
    '192.0.0.192',
    '64:ff9b::a9fe:a9fe',
    '[::ffff:a9fe:a9fe]',
  ])('denies the metadata / link-local address %s by default', async (host) => {
    await expect(policy().admit(host)).rejects.toBeInstanceOf(HostDeniedError);
  });

  it('allows ordinary hosts by default, answering the address to connect to, and metadata ranges once switched off', async () => {
    await expect(policy().admit('127.0.0.1')).resolves.toBe('127.0.0.1');
    await expect(policy().admit('localhost')).resolves.toMatch(/^(127\.0\.0\.1|::1)$/);
    await expect(policy([], [], false).admit('169.254.169.254')).resolves.toBe('169.254.169.254');
    await expect(policy().admit('64:ff9b::808:808')).resolves.toBe('64:ff9b::808:808'); // NAT64 of 8.8.8.8
  });

  it('refuses a name that does not resolve (nothing was checked, nothing may be connected to)', async () => {
    await expect(policy().admit('no-such-host.invalid')).rejects.toThrow(/does not resolve/);
  });

  it('checks every resolved address: a name cannot hide a denied one among good ones', async () => {
    const rebinding = createHostPolicy({ allow: [], deny: [], denyMetadata: true }, async () => [
      '192.0.2.10',
      '169.254.169.254',
    ]);
    await expect(rebinding.admit('metadata.example.test')).rejects.toThrow(/denied/);
  });

  it('checks resolved addresses: localhost is denied with its ranges', async () => {
    await expect(policy([], ['127.0.0.0/8', '::1/128']).admit('localhost')).rejects.toThrow(
      /localhost.*denied/
    );
  });

  it('an allow list admits only what it names, by name, wildcard or range', async () => {
    // a resolver with the names of this test (every name resolves to a public address)
    const p = createHostPolicy(
      {
        allow: ['smtp.example.test', '*.mail.example.test', '127.0.0.0/8'],
        deny: [],
        denyMetadata: true,
      },
      async () => ['192.0.2.10']
    );
    await expect(p.admit('127.0.0.9')).resolves.toBeTruthy();
    await expect(p.admit('10.1.2.3')).rejects.toThrow(/not in the allow list/);
    await expect(p.admit('smtp.example.test')).resolves.toBeTruthy();
    await expect(p.admit('a.mail.example.test')).resolves.toBeTruthy();
    await expect(p.admit('mail.example.test.evil.test')).rejects.toThrow(/not in the allow list/);
  });

  it('deny wins over allow', async () => {
    await expect(policy(['127.0.0.0/8'], ['127.0.0.2']).admit('127.0.0.2')).rejects.toThrow(
      /denied/
    );
  });

  it('reports a bad config', () => {
    expect(hostPolicyProblems({ allow: ['10.0.0.0/99'], deny: [], denyMetadata: true })).toEqual([
      'hosts.allow: "10.0.0.0/99" is not a valid CIDR range',
    ]);
    expect(
      hostPolicyProblems({ allow: 'x' as never, deny: [], denyMetadata: 'yes' as never })
    ).toHaveLength(2);
  });
});
