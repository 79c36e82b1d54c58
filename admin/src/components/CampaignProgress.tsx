import { Flex, ProgressBar, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { BatchCounts } from '../../../shared/contracts/campaigns';
import { batchProgress } from '../utils/campaigns';
import { getTranslation } from '../utils/getTranslation';

/** Sent + failed + cancelled of the stored messages, as a bar and in numbers. */
const CampaignProgress = ({ counts, size = 'S' }: { counts: BatchCounts; size?: 'S' | 'M' }) => {
  const { formatMessage, formatNumber } = useIntl();
  const { finished, total, percent } = batchProgress(counts);
  const label = formatMessage(
    { id: getTranslation('campaigns.progress'), defaultMessage: '{finished} of {total} ({percent} %)' },
    { finished: formatNumber(finished), total: formatNumber(total), percent }
  );
  return (
    <Flex direction="column" alignItems="stretch" gap={1} data-testid="campaign-progress" data-percent={percent}>
      <ProgressBar value={percent} size={size} aria-label={label} />
      <Typography variant="pi" textColor="neutral600">
        {label}
      </Typography>
    </Flex>
  );
};

export { CampaignProgress };
