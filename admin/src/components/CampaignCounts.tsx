import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { BatchCounts } from '../../../shared/contracts/campaigns';
import { getTranslation } from '../utils/getTranslation';

const COUNTS = [
  ['queued', 'Queued'],
  ['sending', 'Sending'],
  ['sent', 'Sent'],
  ['failed', 'Failed'],
  ['cancelled', 'Cancelled'],
  ['suppressed', 'Suppressed'],
  ['rejected', 'Rejected at enqueue'],
  ['uncertain', 'Maybe sent twice'],
] as const satisfies readonly (readonly [keyof BatchCounts, string])[];

/** One tile per message state of a batch. */
const CampaignCounts = ({ counts }: { counts: BatchCounts }) => {
  const { formatMessage, formatNumber } = useIntl();
  return (
    <Grid.Root gap={3}>
      {COUNTS.map(([key, defaultMessage]) => (
        <Grid.Item key={key} col={3} s={6} direction="column" alignItems="stretch">
          <Box background="neutral100" hasRadius padding={3} data-count={key}>
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <Typography variant="sigma" textColor="neutral600">
                {formatMessage({ id: getTranslation(`campaigns.count.${key}`), defaultMessage })}
              </Typography>
              <Typography variant="beta" tag="span" data-testid={`count-${key}`}>
                {formatNumber(counts[key])}
              </Typography>
            </Flex>
          </Box>
        </Grid.Item>
      ))}
    </Grid.Root>
  );
};

export { CampaignCounts };
