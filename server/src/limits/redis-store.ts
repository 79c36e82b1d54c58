import { randomBytes } from 'node:crypto';
import type { SlidingStore } from './store';

/** The longest window there is (a day): older entries are dropped at every call. */
const KEEP_MS = 86_400_000;

/**
 * One sorted set per account: a member per counted unit (a mail, or a recipient), scored by its time in ms.
 * The script is atomic: it drops what left the longest window, then (take) checks every window with ZCOUNT and
 * adds the mail only if all have room; a refusal names the window and when its oldest units leave it.
 * ARGV: now, weight, mode (take | add | usage | settle), token (a take's own), then duration and points per window.
 * `settle` moves a take's units to `now` (when its send ended).
 */
const SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local weight = tonumber(ARGV[2])
local mode = ARGV[3]
local token = ARGV[4]
local windows = (#ARGV - 4) / 2
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - ${KEEP_MS})
if mode == 'usage' then
  local out = {}
  for i = 1, windows do
    local d = tonumber(ARGV[3 + 2 * i])
    out[i] = redis.call('ZCOUNT', key, '(' .. (now - d), '+inf')
  end
  return out
end
if mode == 'take' then
  for i = 1, windows do
    local d = tonumber(ARGV[3 + 2 * i])
    local p = tonumber(ARGV[4 + 2 * i])
    local used = redis.call('ZCOUNT', key, '(' .. (now - d), '+inf')
    if used + weight > p then
      local need = used + weight - p
      local oldest = redis.call('ZRANGEBYSCORE', key, '(' .. (now - d), '+inf', 'WITHSCORES', 'LIMIT', need - 1, 1)
      if oldest[2] then return {i - 1, tostring(tonumber(oldest[2]) + d + 1)} end
      return {i - 1, tostring(now + d)}
    end
  end
end
if mode == 'settle' then
  for j = 1, weight do
    redis.call('ZADD', key, 'XX', now, token .. ':' .. j)
  end
  return {-1, '0'}
end
for j = 1, weight do
  redis.call('ZADD', key, now, token .. ':' .. j)
end
redis.call('PEXPIRE', key, ${KEEP_MS})
return {-1, '0'}
`;

type ScriptClient = {
  smtpAccountsWindow?: (key: string, ...args: (string | number)[]) => Promise<unknown>;
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void;
};

/** The sliding windows in Redis (the queue's `queue.redis`), shared by every process. */
export const createRedisStore = (client: () => ScriptClient): SlidingStore => {
  let sequence = 0;
  const newToken = () => {
    sequence += 1;
    return `${process.pid}.${sequence}.${randomBytes(4).toString('hex')}`;
  };
  const run = (accountId: number, [now, weight, mode, token, ...windows]: (string | number)[]) => {
    const redis = client();
    if (!redis.smtpAccountsWindow)
      redis.defineCommand('smtpAccountsWindow', { numberOfKeys: 1, lua: SCRIPT });
    return redis.smtpAccountsWindow!(
      `smtp-accounts:limits:a${accountId}`,
      now,
      weight,
      mode,
      token,
      ...windows
    );
  };
  const flat = (windows: readonly { durationMs: number; points: number }[]) =>
    windows.flatMap((w) => [w.durationMs, w.points]);

  return {
    async take(accountId, windows, weight, now) {
      const token = newToken();
      const [index, at] = (await run(accountId, [
        now,
        weight,
        'take',
        token,
        ...flat(windows),
      ])) as [number, string];
      return index < 0
        ? { ok: true, ticket: `${token}|${weight}` }
        : { ok: false, window: index, retryAt: Number(at) };
    },
    async settle(accountId, ticket, at) {
      const [token, weight] = ticket.split('|');
      await run(accountId, [at, Number(weight), 'settle', token]);
    },
    async add(accountId, weight, now) {
      await run(accountId, [now, weight, 'add', newToken()]);
    },
    async usage(accountId, windows, now) {
      return ((await run(accountId, [now, 0, 'usage', '', ...flat(windows)])) as number[]).map(
        Number
      );
    },
    async prune() {
      // every call drops what left the day, and an idle account's set expires a day after its last mail
    },
  };
};
