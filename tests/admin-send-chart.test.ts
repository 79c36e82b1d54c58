import {
  accountName,
  busySlices,
  chartSeries,
  sliceUnit,
  xTickIndexes,
  yTicks,
} from '../admin/src/utils/sendRateChart';
import type { BatchTimeline } from '../shared/contracts/campaigns';

const timeline: BatchTimeline = {
  bucketSeconds: 10,
  buckets: [
    {
      start: '2026-12-03T12:00:00.000Z',
      accounts: [
        { accountId: 2, accountEmail: 'b@x.test', sent: 1, failed: 0 },
        { accountId: 1, accountEmail: 'a@x.test', sent: 3, failed: 1 },
      ],
    },
    { start: '2026-12-03T12:00:10.000Z', accounts: [] },
    {
      start: '2026-12-03T12:00:20.000Z',
      accounts: [{ accountId: null, accountEmail: null, sent: 2, failed: 0 }],
    },
  ],
  accounts: [
    { accountId: 1, accountEmail: 'a@x.test', sent: 3, failed: 1 },
    { accountId: null, accountEmail: null, sent: 2, failed: 0 },
    { accountId: 2, accountEmail: 'b@x.test', sent: 1, failed: 0 },
  ],
};

describe('send-rate chart helpers of the panel', () => {
  test('one dense series per account, in the legend order, with its own colour', () => {
    const series = chartSeries(timeline);
    expect(series.map((line) => [line.accountId, line.sent, line.failed])).toEqual([
      [1, [3, 0, 0], [1, 0, 0]],
      [null, [0, 0, 2], [0, 0, 0]],
      [2, [1, 0, 0], [0, 0, 0]],
    ]);
    expect(new Set(series.map((line) => line.color)).size).toBe(3);
    expect(busySlices(series, 3)).toEqual([0, 2]);
    expect(accountName(series[0], 'Stock')).toBe('#1 a@x.test');
    expect(accountName(series[1], 'Stock')).toBe('Stock');
  });

  test('axes: round y steps above the maximum, spread time labels, slice units', () => {
    expect(yTicks(0)).toEqual([0, 1]);
    expect(yTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(yTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(yTicks(48)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(yTicks(1200)).toEqual([0, 500, 1000, 1500]);
    expect(xTickIndexes(0)).toEqual([]);
    expect(xTickIndexes(3)).toEqual([0, 1, 2]);
    expect(xTickIndexes(120)).toEqual([0, 24, 48, 71, 95, 119]);
    expect(sliceUnit(1)).toEqual({ unit: 'seconds', count: 1 });
    expect(sliceUnit(600)).toEqual({ unit: 'minutes', count: 10 });
    expect(sliceUnit(21600)).toEqual({ unit: 'hours', count: 6 });
    expect(sliceUnit(172800)).toEqual({ unit: 'days', count: 2 });
  });
});
