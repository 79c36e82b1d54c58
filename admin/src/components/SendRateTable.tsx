import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { BatchTimeline } from '../../../shared/contracts/campaigns';
import { useSendChartText } from '../hooks/useSendChartText';
import { useTranslate } from '../hooks/useTranslate';
import { accountName, busySlices, sliceTimeFormat, type ChartSeries } from '../utils/sendRateChart';

/** The chart's numbers: one row per slice in which something was sent, sent and failed per account. */
const SendRateTable = ({
  timeline,
  series,
  caption,
}: {
  timeline: BatchTimeline;
  series: ChartSeries[];
  caption: string;
}) => {
  const { formatDate, formatNumber } = useIntl();
  const text = useSendChartText();
  const t = useTranslate();
  const provider = t('campaign.accounts.provider', 'Stock provider (fallback)');
  const rows = busySlices(series, timeline.buckets.length);
  const timeFormat = {
    ...sliceTimeFormat(timeline.bucketSeconds),
    day: 'numeric',
    month: 'short',
  } as const;
  return (
    <Table
      colCount={1 + series.length * 2}
      rowCount={rows.length + 1}
      aria-label={caption}
      data-testid="campaign-chart-table"
    >
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{text('campaign.chart.table.time')}</Typography>
          </Th>
          {series.flatMap((line) => [
            <Th key={`${line.key}-sent`}>
              <Typography variant="sigma">
                {text('campaign.chart.table.sent', { account: accountName(line, provider) })}
              </Typography>
            </Th>,
            <Th key={`${line.key}-failed`}>
              <Typography variant="sigma">
                {text('campaign.chart.table.failed', { account: accountName(line, provider) })}
              </Typography>
            </Th>,
          ])}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((slice) => (
          <Tr key={timeline.buckets[slice].start} data-slice-start={timeline.buckets[slice].start}>
            <Td>
              <Typography textColor="neutral800">
                {formatDate(timeline.buckets[slice].start, timeFormat)}
              </Typography>
            </Td>
            {series.flatMap((line) => [
              <Td
                key={`${line.key}-sent`}
                data-account-id={line.accountId ?? 'provider'}
                data-series="sent"
              >
                <Typography textColor="neutral800">{formatNumber(line.sent[slice])}</Typography>
              </Td>,
              <Td
                key={`${line.key}-failed`}
                data-account-id={line.accountId ?? 'provider'}
                data-series="failed"
              >
                <Typography textColor="neutral800">{formatNumber(line.failed[slice])}</Typography>
              </Td>,
            ])}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

export { SendRateTable };
