import { BUCKET_SECONDS, MAX_BUCKETS, pickBucketSeconds } from './send-log-timeline';

const slices = (first: number, last: number, seconds: number) =>
  Math.floor(last / (seconds * 1000)) - Math.floor(first / (seconds * 1000)) + 1;

describe('pickBucketSeconds', () => {
  const start = Date.UTC(2026, 11, 3, 12, 0, 0, 400);

  it('takes the smallest slice that gives at most 120 slices', () => {
    expect(pickBucketSeconds(start, start)).toBe(1);
    expect(pickBucketSeconds(start, start + 119_000)).toBe(1);
    expect(pickBucketSeconds(start, start + 120_000)).toBe(5);
    expect(pickBucketSeconds(start, start + 10 * 60_000)).toBe(10);
    expect(pickBucketSeconds(start, start + 100 * 60_000)).toBe(60);
    expect(pickBucketSeconds(start, start + 3 * 3600_000)).toBe(300);
    expect(pickBucketSeconds(start, start + 30 * 3600_000)).toBe(1800);
    expect(pickBucketSeconds(start, start + 20 * 86400_000)).toBe(21600);
  });

  it('stays within 120 slices for any span, days past the largest step', () => {
    for (const span of [0, 999, 1001, 59_999, 7_200_000, 86400_000 * 119, 86400_000 * 400]) {
      const seconds = pickBucketSeconds(start, start + span);
      expect(slices(start, start + span, seconds)).toBeLessThanOrEqual(MAX_BUCKETS);
    }
    const long = pickBucketSeconds(start, start + 86400_000 * 400);
    expect(long % 86400).toBe(0);
    expect(long).toBeGreaterThan(BUCKET_SECONDS[BUCKET_SECONDS.length - 1]);
  });
});
