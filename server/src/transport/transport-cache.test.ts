import type { Transporter } from 'nodemailer';
import { TransportCache } from './transport-cache';

/** A stand-in for a pooled transport: the cache only builds, reuses, counts pending mail and closes it. */
const fakeTransport = () => {
  const transport = {
    closed: false,
    pending: 0,
    close: () => void (transport.closed = true),
    isIdle: () => transport.pending === 0,
    transporter: { pendingCount: () => transport.pending },
  };
  return transport;
};

type Account = { id: number; updatedAt: string; host: string };

describe('TransportCache', () => {
  const built: ReturnType<typeof fakeTransport>[] = [];
  const cache = new TransportCache<Account>(
    () => {
      const transport = fakeTransport();
      built.push(transport);
      return transport as unknown as Transporter;
    },
    (account) => account.host,
    1000,
    2000
  );
  afterAll(() => cache.closeAll());
  const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds)).toISOString();

  it('keeps the pool through a rename or toggle (new updatedAt, same connection)', () => {
    const first = cache.get({ id: 1, updatedAt: at(1), host: 'a' });
    expect(cache.get({ id: 1, updatedAt: at(2), host: 'a' })).toBe(first);
    expect(built).toHaveLength(1);
  });

  it('rebuilds when the connection changes, closing the old pool', () => {
    const second = cache.get({ id: 1, updatedAt: at(3), host: 'b' });
    expect(second).not.toBe(built[0]);
    expect(built[0].closed).toBe(true);
  });

  it('never lets an older copy of the account (a stale index) replace a newer pool', () => {
    const current = cache.get({ id: 1, updatedAt: at(3), host: 'b' });
    expect(cache.get({ id: 1, updatedAt: at(1), host: 'a' })).toBe(current);
    cache.retain([{ id: 1, updatedAt: at(1), host: 'a' }]);
    expect(cache.get({ id: 1, updatedAt: at(3), host: 'b' })).toBe(current);
    expect(built).toHaveLength(2);
  });

  it('a replaced pool finishes its pending mail before it closes', async () => {
    const old = built[1];
    old.pending = 2;
    cache.get({ id: 1, updatedAt: at(4), host: 'c' });
    expect(old.closed).toBe(false);
    expect(cache.isIdle()).toBe(false);
    old.pending = 0;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(old.closed).toBe(true);
  });

  it('retires the pools of deleted or deactivated accounts, and closes idle ones but never a busy one', () => {
    cache.get({ id: 2, updatedAt: at(1), host: 'a' });
    cache.get({ id: 3, updatedAt: at(1), host: 'a' });
    cache.retain([
      { id: 1, updatedAt: at(4), host: 'c' },
      { id: 3, updatedAt: at(1), host: 'a' },
    ]);
    expect(cache.size).toBe(2);
    const busy = built[built.length - 1];
    busy.pending = 1;
    cache.closeIdle(Date.now() + 5000);
    expect(cache.size).toBe(1);
    expect(busy.closed).toBe(false);
    busy.pending = 0;
  });
});

describe('TransportCache pins', () => {
  it('a new checked address (DNS answer) builds a new pool; retain, which knows no address, keeps it', () => {
    const built: { pin: string; closed: boolean }[] = [];
    const cache = new TransportCache<{ id: number; updatedAt: string; host: string }>(
      (_account, pin) => {
        const transport = {
          pin,
          closed: false,
          close: () => void (transport.closed = true),
          isIdle: () => true,
          transporter: { pendingCount: () => 0 },
        };
        built.push(transport);
        return transport as unknown as Transporter;
      },
      (account) => account.host,
      1000
    );
    const account = { id: 1, updatedAt: '2026-01-01T00:00:00Z', host: 'mail.example.test' };
    const first = cache.get(account, '192.0.2.1');
    expect(cache.get(account, '192.0.2.1')).toBe(first);
    cache.retain([account]);
    expect(cache.get(account, '192.0.2.1')).toBe(first);
    const second = cache.get(account, '192.0.2.2');
    expect(second).not.toBe(first);
    expect(built.map((t) => [t.pin, t.closed])).toEqual([
      ['192.0.2.1', true],
      ['192.0.2.2', false],
    ]);
    cache.closeAll();
  });
});
