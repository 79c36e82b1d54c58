import { Box, Button, Flex, Loader, Typography, VisuallyHidden } from '@strapi/design-system';
import { useMemo, useState } from 'react';
import type { BatchTimeline } from '../../../shared/contracts/campaigns';
import { useFormatDateTime } from '../hooks/useFormatDateTime';
import { useSendChartText } from '../hooks/useSendChartText';
import { chartSeries, sliceUnit } from '../utils/sendRateChart';
import { SendRateLegend } from './SendRateLegend';
import { SendRateSvg } from './SendRateSvg';
import { SendRateTable } from './SendRateTable';

/**
 * A batch's send rate over time, per account (the campaign page): the chart, its legend, and its numbers as a
 * table — hidden from sight but read by screen readers until "Show the numbers" shows it.
 */
const CampaignSendChart = ({
  timeline,
  loadFailed,
}: {
  timeline: BatchTimeline | null;
  loadFailed: boolean;
}) => {
  const text = useSendChartText();
  const formatDateTime = useFormatDateTime();
  const [showTable, setShowTable] = useState(false);
  const series = useMemo(() => (timeline ? chartSeries(timeline) : []), [timeline]);
  const hasData = timeline !== null && timeline.buckets.length > 0;

  const body = () => {
    if (!timeline) {
      return loadFailed ? (
        <Typography textColor="danger600">{text('campaign.chart.loadFailed')}</Typography>
      ) : (
        <Loader small />
      );
    }
    if (!hasData) {
      return (
        <Typography textColor="neutral600" data-testid="campaign-chart-empty">
          {text('campaign.chart.empty')}
        </Typography>
      );
    }
    const { unit, count } = sliceUnit(timeline.bucketSeconds);
    const slice = text(`campaign.chart.slice.${unit}`, { count });
    const last = timeline.buckets[timeline.buckets.length - 1];
    const end = new Date(Date.parse(last.start) + timeline.bucketSeconds * 1000);
    const caption = text('campaign.chart.table.caption', { slice });
    const table = <SendRateTable timeline={timeline} series={series} caption={caption} />;
    return (
      <>
        <SendRateSvg
          timeline={timeline}
          series={series}
          title={text('campaign.chart.title')}
          description={text('campaign.chart.description', {
            slice,
            start: formatDateTime(timeline.buckets[0].start),
            end: formatDateTime(end),
          })}
          xLabel={text('campaign.chart.axisX')}
          yLabel={text('campaign.chart.axisY', { slice })}
        />
        <SendRateLegend series={series} />
        {loadFailed ? (
          <Typography textColor="danger600">{text('campaign.chart.loadFailed')}</Typography>
        ) : null}
        {showTable ? (
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Typography variant="pi" textColor="neutral600">
              {caption}
            </Typography>
            {table}
          </Flex>
        ) : (
          <VisuallyHidden>{table}</VisuallyHidden>
        )}
      </>
    );
  };

  return (
    <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" gap={2} wrap="wrap">
          <Typography variant="delta" tag="h2">
            {text('campaign.chart.title')}
          </Typography>
          {hasData ? (
            <Button
              variant="tertiary"
              size="S"
              onClick={() => setShowTable((shown) => !shown)}
              aria-expanded={showTable}
            >
              {showTable ? text('campaign.chart.hideTable') : text('campaign.chart.showTable')}
            </Button>
          ) : null}
        </Flex>
        {body()}
      </Flex>
    </Box>
  );
};

export { CampaignSendChart };
