import { Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useTheme } from 'styled-components';
import { useSendChartText } from '../hooks/useSendChartText';
import { useTranslate } from '../hooks/useTranslate';
import { accountName, type ChartSeries } from '../utils/sendRateChart';

/** The chart's legend: each account's colour, name and totals; how sent and failed lines differ. */
const SendRateLegend = ({ series }: { series: ChartSeries[] }) => {
  const theme = useTheme();
  const { formatNumber } = useIntl();
  const text = useSendChartText();
  const t = useTranslate();
  const provider = t('campaign.accounts.provider', 'Stock provider (fallback)');
  return (
    <Flex direction="column" alignItems="flex-start" gap={2}>
      <Flex
        tag="ul"
        gap={4}
        wrap="wrap"
        aria-label={text('campaign.chart.legend')}
        data-testid="campaign-chart-legend"
      >
        {series.map((line) => (
          <Flex tag="li" key={line.key} gap={2} data-account-id={line.accountId ?? 'provider'}>
            <svg width="24" height="10" aria-hidden="true">
              <line
                x1="0"
                x2="24"
                y1="5"
                y2="5"
                stroke={theme.colors[line.color]}
                strokeWidth="3"
              />
            </svg>
            <Typography textColor="neutral800">
              {text('campaign.chart.legend.item', {
                account: accountName(line, provider),
                sent: formatNumber(line.total.sent),
                failed: formatNumber(line.total.failed),
              })}
            </Typography>
          </Flex>
        ))}
      </Flex>
      <Typography variant="pi" textColor="neutral600">
        {text('campaign.chart.legend.key')}
      </Typography>
    </Flex>
  );
};

export { SendRateLegend };
