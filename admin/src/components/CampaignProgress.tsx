import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { BatchCounts } from '../../../shared/contracts/campaigns';
import { batchProgress } from '../utils/campaigns';
import { getTranslation } from '../utils/getTranslation';

/**
 * Sent + failed + cancelled + suppressed of the stored messages, as a bar and in numbers. Drawn with
 * Box: the design system's ProgressBar is a fixed 78 px light-on-dark bar made for upload toasts,
 * unreadable in a table.
 */
const CampaignProgress = ({ counts, size = 'S' }: { counts: BatchCounts; size?: 'S' | 'M' }) => {
  const { formatMessage, formatNumber } = useIntl();
  const { finished, total, percent } = batchProgress(counts);
  const label = formatMessage(
    {
      id: getTranslation('campaigns.progress'),
      defaultMessage: '{finished} of {total} ({percent} %)',
    },
    { finished: formatNumber(finished), total: formatNumber(total), percent }
  );
  const height = size === 'S' ? '0.5rem' : '0.75rem';
  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={1}
      data-testid="campaign-progress"
      data-percent={percent}
    >
      <Box
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        background="neutral150"
        hasRadius
        overflow="hidden"
        height={height}
      >
        <Box background="primary600" height={height} style={{ width: `${percent}%` }} />
      </Box>
      <Typography variant="pi" textColor="neutral600">
        {label}
      </Typography>
    </Flex>
  );
};

export { CampaignProgress };
