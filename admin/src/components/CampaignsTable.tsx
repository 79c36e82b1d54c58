import { Badge, Flex, IconButton, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { Eye } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { Batch } from '../../../shared/contracts/campaigns';
import { useCampaignFormat } from '../hooks/useCampaignFormat';
import { CampaignProgress } from './CampaignProgress';
import { CampaignStateBadge } from './CampaignStateBadge';
import { useTranslate } from '../hooks/useTranslate';
import { useFormatDateTime } from '../hooks/useFormatDateTime';
import { TableHead } from './TableHead';

const COLUMNS = [
  ['campaign', 'Campaign'],
  ['state', 'State'],
  ['progress', 'Progress'],
  ['counts', 'Sent / failed / queued'],
  ['rate', 'Rate'],
  ['eta', 'ETA'],
  ['created', 'Created'],
] as const;

interface CampaignsTableProps {
  batches: Batch[];
  onOpen: (batch: Batch) => void;
}

/** Campaign batches, newest first; a row opens the batch's page. */
const CampaignsTable = ({ batches, onOpen }: CampaignsTableProps) => {
  const { formatNumber } = useIntl();
  const formatDateTime = useFormatDateTime();
  const t = useTranslate();
  const format = useCampaignFormat();
  return (
    <Table colCount={COLUMNS.length + 1} rowCount={batches.length + 1}>
      <TableHead columns={COLUMNS} keyPrefix="campaigns.column" />
      <Tbody>
        {batches.map((batch) => (
          <Tr
            key={batch.id}
            data-batch-id={batch.id}
            data-state={batch.state}
            onClick={() => onOpen(batch)}
            style={{ cursor: 'pointer' }}
          >
            <Td maxWidth="18rem">
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography textColor="neutral800" fontWeight="bold" ellipsis>
                  {batch.campaign || t('campaigns.unnamed', 'Batch #{id}', { id: batch.id })}
                </Typography>
                <Flex gap={2}>
                  <Typography variant="pi" textColor="neutral600">{`#${batch.id}`}</Typography>
                  {batch.newsletter ? (
                    <Badge size="S">{t('campaigns.newsletter', 'Newsletter')}</Badge>
                  ) : null}
                </Flex>
              </Flex>
            </Td>
            <Td>
              <CampaignStateBadge state={batch.state} />
            </Td>
            <Td minWidth="12rem">
              <CampaignProgress counts={batch.counts} />
            </Td>
            <Td>
              <Typography textColor="neutral800" data-testid="campaign-counts">
                {`${formatNumber(batch.counts.sent)} / ${formatNumber(batch.counts.failed)} / ${formatNumber(batch.counts.queued + batch.counts.sending)}`}
              </Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">{format.rate(batch)}</Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800" data-testid="campaign-eta">
                {format.eta(batch)}
              </Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800" title={batch.createdAt}>
                {formatDateTime(batch.createdAt)}
              </Typography>
            </Td>
            <Td onClick={(e: React.MouseEvent) => e.stopPropagation()}>
              <IconButton
                label={t('campaigns.open', 'Open batch #{id}', { id: batch.id })}
                variant="ghost"
                onClick={() => onOpen(batch)}
              >
                <Eye />
              </IconButton>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

export { CampaignsTable };
