import type { Transporter } from 'nodemailer';
import { TransportCache } from './transport-cache';

/** A stand-in for a pooled transport: the cache only builds, reuses, asks isIdle and closes it. */
const fakeTransport = () => {
  const transport = { closed: false, idle: true, close: () => void (transport.closed = true), isIdle: () => transport.idle };
  return transport;
};

describe('TransportCache', () => {
  const built: ReturnType<typeof fakeTransport>[] = [];
  const cache = new TransportCache<{ id: number; updatedAt: string }>(() => {
    const transport = fakeTransport();
    built.push(transport);
    return transport as unknown as Transporter;
  }, 1000);
  afterAll(() => cache.closeAll());

  it('reuses the transport of an unchanged account and rebuilds a changed one, closing the old pool', () => {
    const first = cache.get({ id: 1, updatedAt: 'a' });
    expect(cache.get({ id: 1, updatedAt: 'a' })).toBe(first);
    const second = cache.get({ id: 1, updatedAt: 'b' });
    expect(second).not.toBe(first);
    expect(built[0].closed).toBe(true);
    expect(built[1].closed).toBe(false);
  });

  it('closes the pools of deleted, deactivated or changed accounts on retain', () => {
    cache.get({ id: 2, updatedAt: 'a' });
    cache.get({ id: 3, updatedAt: 'a' });
    cache.retain([{ id: 1, updatedAt: 'b' }, { id: 3, updatedAt: 'changed' }]);
    expect(cache.size).toBe(1);
    expect(built.filter((t) => !t.closed)).toHaveLength(1);
  });

  it('closes idle pools after idleMs, but never a busy one', () => {
    const busy = cache.get({ id: 4, updatedAt: 'a' });
    built[built.length - 1].idle = false;
    cache.closeIdle(Date.now() + 5000);
    expect(cache.size).toBe(1);
    expect((busy as unknown as { closed: boolean }).closed).toBe(false);
    expect(cache.isIdle()).toBe(false);
  });
});
