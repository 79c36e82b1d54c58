/**
 * The sliding-window limits, asked directly at chosen moments (the limits service takes `now`), so that a
 * minute's worth of behaviour is checked in milliseconds. The same checks run on the database store (every
 * database pass of tests/limits.test.ts) and on Redis (tests/queue-redis-two-process.test.ts).
 */
type Account = {
  id: number;
  limitPerMinute?: number | null;
  limitPerHour?: number | null;
  limitPerDay?: number | null;
  limitCounts?: 'messages' | 'recipients' | null;
};
type Admission =
  | { ok: true; ticket: string | null }
  | { ok: false; retryAt: number; field: string; never?: boolean };
export interface LimitsUnderTest {
  take(account: Account, recipients?: number, now?: number): Promise<Admission>;
  count(account: Account, recipients?: number, now?: number): Promise<void>;
  settle(account: Account, ticket: string, now?: number): Promise<void>;
  usage(account: Account, now?: number): Promise<Record<string, number>>;
}

const SEC = 1000;

/** A fixed window would open again at t0 + 60 s and let 2× the limit through within two seconds; a sliding one never. */
export const slidingMinute = async (limits: LimitsUnderTest, id: number) => {
  const account = { id, limitPerMinute: 5 };
  const t0 = Date.now() - 10 * 60 * SEC;
  expect(await limits.take(account, 1, t0)).toMatchObject({ ok: true });
  for (let i = 0; i < 4; i += 1)
    expect(await limits.take(account, 1, t0 + 59 * SEC)).toMatchObject({ ok: true });
  // the window that ends at t0 + 59 s holds 5: full
  const full = await limits.take(account, 1, t0 + 59.5 * SEC);
  expect(full).toMatchObject({ ok: false, field: 'limitPerMinute' });
  expect((full as { retryAt: number }).retryAt).toBe(t0 + 60 * SEC + 1);
  // the first mail left the window: room for exactly one (a fixed window starting at t0 would now allow 5)
  expect(await limits.take(account, 1, t0 + 61 * SEC)).toMatchObject({ ok: true });
  const again = await limits.take(account, 1, t0 + 62 * SEC);
  expect(again).toMatchObject({ ok: false });
  // the four mails of t0 + 59 s leave it together at t0 + 119 s
  expect((again as { retryAt: number }).retryAt).toBe(t0 + 119 * SEC + 1);
  expect(await limits.usage(account, t0 + 62 * SEC)).toEqual({ limitPerMinute: 5 });
  for (let i = 0; i < 4; i += 1)
    expect(await limits.take(account, 1, t0 + 119.5 * SEC)).toMatchObject({ ok: true });
  expect(await limits.take(account, 1, t0 + 119.5 * SEC)).toMatchObject({ ok: false });
  // the most in any sliding 60 s over the whole run: 5
  expect(await limits.usage(account, t0 + 119.5 * SEC)).toEqual({ limitPerMinute: 5 });
};

/** Every window at once, and direct sends counted though never refused. */
export const allWindows = async (limits: LimitsUnderTest, id: number) => {
  const account = { id, limitPerMinute: 3, limitPerHour: 4 };
  const t0 = Date.now() - 3 * 3600 * SEC;
  for (let i = 0; i < 3; i += 1)
    expect(await limits.take(account, 1, t0)).toMatchObject({ ok: true });
  expect(await limits.take(account, 1, t0 + 1)).toMatchObject({ field: 'limitPerMinute' });
  // a password reset: counted, not refused
  await limits.count(account, 1, t0 + 61 * SEC);
  expect(await limits.usage(account, t0 + 61 * SEC)).toEqual({
    limitPerMinute: 1,
    limitPerHour: 4,
  });
  const hour = await limits.take(account, 1, t0 + 62 * SEC);
  expect(hour).toMatchObject({ ok: false, field: 'limitPerHour' });
  expect((hour as { retryAt: number }).retryAt).toBe(t0 + 3600 * SEC + 1);
  // refused in the hour, so the minute did not count it either
  expect(await limits.usage(account, t0 + 62 * SEC)).toEqual({
    limitPerMinute: 1,
    limitPerHour: 4,
  });
  expect(await limits.take(account, 1, t0 + 3600 * SEC + 1)).toMatchObject({ ok: true });
};

/** A limit that counts recipients: a mail uses as many units as it has recipients. */
export const recipients = async (limits: LimitsUnderTest, id: number) => {
  const account = { id, limitPerHour: 10, limitCounts: 'recipients' as const };
  const t0 = Date.now() - 5 * 3600 * SEC;
  expect(await limits.take(account, 4, t0)).toMatchObject({ ok: true });
  expect(await limits.take(account, 4, t0 + SEC)).toMatchObject({ ok: true });
  const full = await limits.take(account, 4, t0 + 2 * SEC);
  expect(full).toMatchObject({ ok: false, field: 'limitPerHour' });
  // 2 more units are needed: the first mail (4 units) must leave
  expect((full as { retryAt: number }).retryAt).toBe(t0 + 3600 * SEC + 1);
  expect(await limits.take(account, 2, t0 + 3 * SEC)).toMatchObject({ ok: true });
  expect(await limits.usage(account, t0 + 3 * SEC)).toEqual({ limitPerHour: 10 });
  // more recipients than the limit: never, whatever the window holds
  expect(await limits.take(account, 11, t0 + 2 * 3600 * SEC)).toMatchObject({
    ok: false,
    never: true,
  });
  // the same mails on an account counting messages: 3 units
  const messages = { id: id + 100000, limitPerHour: 10 };
  for (const n of [4, 4, 4]) expect(await limits.take(messages, n, t0)).toMatchObject({ ok: true });
  expect(await limits.usage(messages, t0)).toEqual({ limitPerHour: 3 });
};

/** Many takes at once for one account (one process, or two): the limit holds exactly. */
export const concurrentTakes = async (
  takers: LimitsUnderTest[],
  id: number,
  perTaker = 20
): Promise<number> => {
  const account = { id, limitPerMinute: 7 };
  const now = Date.now() - 20 * 60 * SEC;
  const answers = await Promise.all(
    takers.flatMap((limits) => Array.from({ length: perTaker }, () => limits.take(account, 1, now)))
  );
  return answers.filter((a) => a.ok).length;
};

/**
 * A mail counts from when its send ended (`settle`), not from when it was admitted: a provider counts it when it
 * accepts it, so the next mail for a full window must go out a whole window after that.
 */
export const settledAtTheEnd = async (limits: LimitsUnderTest, id: number) => {
  const account = { id, limitPerMinute: 2, limitCounts: 'recipients' as const };
  const t0 = Date.now() - 30 * 60 * SEC;
  const first = await limits.take(account, 2, t0);
  expect(first).toMatchObject({ ok: true });
  // the send took 5 s (a slow server, a big mail)
  await limits.settle(account, (first as { ticket: string }).ticket, t0 + 5 * SEC);
  const early = await limits.take(account, 1, t0 + 61 * SEC);
  expect(early).toMatchObject({ ok: false, field: 'limitPerMinute' });
  expect((early as { retryAt: number }).retryAt).toBe(t0 + 65 * SEC + 1);
  expect(await limits.take(account, 2, t0 + 65 * SEC + 1)).toMatchObject({ ok: true });
};
