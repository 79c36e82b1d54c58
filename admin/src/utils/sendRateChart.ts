import type { BatchAccountShare, BatchTimeline } from '../../../shared/contracts/campaigns';

/** One account's line: its counts per slice (0 where it sent nothing), and its totals for the legend. */
export interface ChartSeries {
  key: string;
  accountId: number | null;
  accountEmail: string | null;
  sent: number[];
  failed: number[];
  total: { sent: number; failed: number };
  color: ThemeColor;
}

/** Theme colours given to the accounts in legend order (then again from the start). */
export const SERIES_COLORS = [
  'primary600',
  'success600',
  'warning600',
  'alternative600',
  'danger600',
  'secondary600',
  'neutral800',
  'primary500',
  'success500',
  'warning500',
  'alternative500',
  'danger500',
] as const;
/** A colour of the design system's theme (`theme.colors[…]`). */
export type ThemeColor = (typeof SERIES_COLORS)[number];

const keyOf = (share: Pick<BatchAccountShare, 'accountId' | 'accountEmail'>) =>
  `${share.accountId ?? 'provider'}:${share.accountEmail ?? ''}`;

/** One series per account of the timeline, in its order (most mails first), counts as dense arrays. */
export const chartSeries = (timeline: BatchTimeline): ChartSeries[] => {
  const slices = timeline.buckets.length;
  const series = timeline.accounts.map((share, index) => ({
    key: keyOf(share),
    accountId: share.accountId,
    accountEmail: share.accountEmail,
    sent: new Array<number>(slices).fill(0),
    failed: new Array<number>(slices).fill(0),
    total: { sent: share.sent, failed: share.failed },
    color: SERIES_COLORS[index % SERIES_COLORS.length],
  }));
  const byKey = new Map(series.map((line) => [line.key, line]));
  timeline.buckets.forEach((bucket, slice) => {
    for (const share of bucket.accounts) {
      const line = byKey.get(keyOf(share));
      if (!line) continue;
      line.sent[slice] = share.sent;
      line.failed[slice] = share.failed;
    }
  });
  return series;
};

/** The y axis: 0 and equal steps of 1, 2 or 5 × 10^n up to the first tick at or above `max` (at most 5 steps). */
export const yTicks = (max: number): number[] => {
  if (max <= 0) return [0, 1];
  let magnitude = 1;
  let step: number | undefined;
  while (!step) {
    step = [1, 2, 5].map((m) => m * magnitude).find((candidate) => candidate * 5 >= max);
    magnitude *= 10;
  }
  const ticks = [0];
  while (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
};

/** Which slices get a time label: at most `count`, evenly spread, the first and the last among them. */
export const xTickIndexes = (length: number, count = 6): number[] => {
  if (length <= 0) return [];
  if (length <= count) return Array.from({ length }, (_, i) => i);
  const step = (length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.round(i * step));
};

/** How a slice's start is written: with seconds for slices under a minute, a date for slices of a day or more. */
export const sliceTimeFormat = (bucketSeconds: number): Intl.DateTimeFormatOptions =>
  bucketSeconds < 60
    ? { hour: 'numeric', minute: '2-digit', second: '2-digit' }
    : bucketSeconds < 86400
      ? { hour: 'numeric', minute: '2-digit' }
      : { day: 'numeric', month: 'short' };

/** A slice length as a count of its largest whole unit, for "Mails per {slice}". */
export const sliceUnit = (
  bucketSeconds: number
): { unit: 'seconds' | 'minutes' | 'hours' | 'days'; count: number } => {
  if (bucketSeconds % 86400 === 0) return { unit: 'days', count: bucketSeconds / 86400 };
  if (bucketSeconds % 3600 === 0) return { unit: 'hours', count: bucketSeconds / 3600 };
  if (bucketSeconds % 60 === 0) return { unit: 'minutes', count: bucketSeconds / 60 };
  return { unit: 'seconds', count: bucketSeconds };
};

/** An SVG path through the points (x(i), y(value)). */
export const linePath = (
  values: number[],
  x: (index: number) => number,
  y: (value: number) => number
): string =>
  values
    .map(
      (value, index) => `${index === 0 ? 'M' : 'L'}${x(index).toFixed(1)} ${y(value).toFixed(1)}`
    )
    .join(' ');

/** How the chart names an account: `#id email`, or the stock provider's name for its fallback sends. */
export const accountName = (
  line: Pick<ChartSeries, 'accountId' | 'accountEmail'>,
  providerName: string
): string =>
  line.accountId === null ? providerName : `#${line.accountId} ${line.accountEmail ?? ''}`.trim();

/** The slices in which some account sent or failed something (the numbers table leaves out the others). */
export const busySlices = (series: ChartSeries[], slices: number): number[] =>
  Array.from({ length: slices }, (_, i) => i).filter((i) =>
    series.some((line) => line.sent[i] > 0 || line.failed[i] > 0)
  );
