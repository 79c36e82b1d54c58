import { createHostPolicy, HostDeniedError, hostPolicyProblems } from './host-policy';

const policy = (allow: string[] = [], deny: string[] = [], denyMetadata = true) => createHostPolicy({ allow, deny, denyMetadata });

describe('host policy', () => {
  it.each(['169.254.169.254', '[fe80::1]', 'fd00:ec2::254', '100.100.100.200', '::ffff:169.254.169.254', '0.0.0.0'])(
    'denies the metadata / link-local address %s by default',
    async (host) => {
      await expect(policy().admit(host)).rejects.toBeInstanceOf(HostDeniedError);
    }
  );

  it('allows ordinary hosts by default, and metadata ranges once switched off', async () => {
    await expect(policy().admit('127.0.0.1')).resolves.toBeUndefined();
    await expect(policy().admit('localhost')).resolves.toBeUndefined();
    await expect(policy([], [], false).admit('169.254.169.254')).resolves.toBeUndefined();
  });

  it('checks resolved addresses: a name cannot hide a denied address', async () => {
    await expect(policy([], ['127.0.0.0/8', '::1/128']).admit('localhost')).rejects.toThrow(/localhost.*denied/);
  });

  it('an allow list admits only what it names, by name, wildcard or range', async () => {
    const p = policy(['smtp.example.test', '*.mail.example.test', '127.0.0.0/8']);
    await expect(p.admit('127.0.0.9')).resolves.toBeUndefined();
    await expect(p.admit('10.1.2.3')).rejects.toThrow(/not in the allow list/);
    await expect(p.admit('smtp.example.test')).resolves.toBeUndefined();
    await expect(p.admit('a.mail.example.test')).resolves.toBeUndefined();
    await expect(p.admit('mail.example.test.evil.test')).rejects.toThrow(/not in the allow list/);
  });

  it('deny wins over allow', async () => {
    await expect(policy(['127.0.0.0/8'], ['127.0.0.2']).admit('127.0.0.2')).rejects.toThrow(/denied/);
  });

  it('reports a bad config', () => {
    expect(hostPolicyProblems({ allow: ['10.0.0.0/99'], deny: [], denyMetadata: true })).toEqual(['hosts.allow: "10.0.0.0/99" is not a valid CIDR range']);
    expect(hostPolicyProblems({ allow: 'x' as never, deny: [], denyMetadata: 'yes' as never })).toHaveLength(2);
  });
});
