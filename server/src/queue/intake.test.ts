import { INTAKE_PAGE, isMessageSource, takeIn } from './intake';
import type { NewQueuedMail } from './store';

const checks = { defaultFrom: 'Default <default@example.test>', maxFromLength: 998 };
const good = (i: number) => ({
  from: 'News <news@example.test>',
  to: `r${i}@example.test`,
  subject: `s${i}`,
  text: 'x',
});

const collect = () => {
  const pages: NewQueuedMail[][] = [];
  return { pages, store: async (page: NewQueuedMail[]) => void pages.push(page) };
};

describe('isMessageSource', () => {
  it('takes arrays, iterables and async iterables, nothing else', () => {
    expect(isMessageSource([])).toBe(true);
    expect(isMessageSource(new Set([1]))).toBe(true);
    expect(isMessageSource((async function* () {})())).toBe(true);
    for (const value of [undefined, null, 1, 'text', {}, { length: 2 }])
      expect(isMessageSource(value)).toBe(false);
  });
});

describe('takeIn', () => {
  it('stores pages of INTAKE_PAGE, numbers messages in order and gives each a Message-ID on the From domain', async () => {
    const { pages, store } = collect();
    const result = await takeIn(
      7,
      Array.from({ length: INTAKE_PAGE + 3 }, (_, i) => good(i)),
      checks,
      store
    );
    expect(result).toEqual({ accepted: INTAKE_PAGE + 3, rejected: 0, rejections: [] });
    expect(pages.map((page) => page.length)).toEqual([INTAKE_PAGE, 3]);
    const all = pages.flat();
    expect(all.map((item) => item.seq)).toEqual(all.map((_, i) => i));
    expect(all[0].messageId).toMatch(/^<b7\.m0\.[0-9a-f]{12}@example\.test>$/);
    expect(new Set(all.map((item) => item.messageId)).size).toBe(all.length);
  });

  it("keeps the caller's Message-ID, fills in defaultFrom, turns Buffers into base64 and drops unknown fields", async () => {
    const { pages, store } = collect();
    await takeIn(
      1,
      [
        {
          to: 'a@example.test',
          subject: 's',
          text: 'x',
          messageId: '<mine@x>',
          attachments: [{ filename: 'a.txt', content: Buffer.from('hi') }],
          envelope: { from: 'evil@x' },
        },
      ],
      checks,
      store
    );
    const [item] = pages.flat();
    expect(item.messageId).toBe('<mine@x>');
    expect(item.message.from).toBe(checks.defaultFrom);
    expect(item.message.attachments).toEqual([
      { filename: 'a.txt', content: 'aGk=', encoding: 'base64' },
    ]);
    expect(item.message).not.toHaveProperty('envelope');
  });

  it('rejects a bad message alone, with its index and code, keeping at most 20 reasons', async () => {
    const { pages, store } = collect();
    const items: unknown[] = [
      good(0),
      null,
      { from: 'a@example.test', subject: 'no recipient' },
      good(3),
      ...Array.from({ length: 30 }, () => 'junk'),
    ];
    const result = await takeIn(1, items, checks, store);
    expect(result.accepted).toBe(2);
    expect(result.rejected).toBe(32);
    expect(result.rejections).toHaveLength(20);
    expect(result.rejections.slice(0, 3).map((r) => [r.index, r.code])).toEqual([
      [1, 'NOT_A_MESSAGE'],
      [2, 'INVALID_MAIL'],
      [4, 'NOT_A_MESSAGE'],
    ]);
    expect(pages.flat().map((item) => item.seq)).toEqual([0, 1]);
  });

  it('refuses a message over 5 MB and a From over maxFromLength without echoing them', async () => {
    const { store } = collect();
    const huge = { ...good(0), html: 'x'.repeat(6 * 1024 * 1024) };
    const longFrom = { ...good(1), from: `${'y'.repeat(2000)}@example.test` };
    const result = await takeIn(1, [huge, longFrom], checks, store);
    expect(result.rejections.map((r) => r.code)).toEqual(['MESSAGE_TOO_LARGE', 'FROM_TOO_LONG']);
    expect(JSON.stringify(result.rejections)).not.toMatch(/xxxxxxxxxx|yyyyyyyyyy/);
  });

  it('reads an async iterable lazily: memory holds a page, not the campaign', async () => {
    const { store } = collect();
    let inFlight = 0;
    let peak = 0;
    async function* source() {
      for (let i = 0; i < 3 * INTAKE_PAGE; i++) {
        inFlight++;
        peak = Math.max(peak, inFlight);
        yield good(i);
      }
    }
    const result = await takeIn(1, source(), checks, async (page) => {
      inFlight -= page.length;
      await store(page);
    });
    expect(result.accepted).toBe(3 * INTAKE_PAGE);
    expect(peak).toBeLessThanOrEqual(INTAKE_PAGE);
  });

  it('lets an error of the iterable itself through (the batch records it)', async () => {
    const { store } = collect();
    async function* broken() {
      yield good(0);
      throw new Error('subscriber list unavailable');
    }
    await expect(takeIn(1, broken(), checks, store)).rejects.toThrow('subscriber list unavailable');
  });
});
