import { IconButton, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { ALL_NEWSLETTERS, type Suppression } from '../../../shared/contracts/deliverability';
import { useTranslate } from '../hooks/useTranslate';
import { SuppressionReasonBadge } from './SuppressionReasonBadge';
import { TableHead } from './TableHead';

const COLUMNS = [
  ['address', 'Address'],
  ['scope', 'Scope'],
  ['reason', 'Reason'],
  ['detail', 'Detail'],
  ['date', 'Date'],
] as const;

interface SuppressionsTableProps {
  suppressions: Suppression[];
  /** Absent without suppressions.manage. */
  onRemove?: (suppression: Suppression) => void;
}

/** One page of the suppression list, newest first. */
const SuppressionsTable = ({ suppressions, onRemove }: SuppressionsTableProps) => {
  const t = useTranslate();
  const { formatDate } = useIntl();
  return (
    <Table colCount={COLUMNS.length + 1} rowCount={suppressions.length + 1}>
      <TableHead columns={COLUMNS} keyPrefix="suppressions.column" />
      <Tbody>
        {suppressions.map((suppression) => (
          <Tr key={suppression.id} data-address={suppression.address}>
            <Td maxWidth="20rem">
              <Typography textColor="neutral800" fontWeight="bold" ellipsis>
                {suppression.address}
              </Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">
                {suppression.scope === ALL_NEWSLETTERS
                  ? t('suppressions.scope.all', 'All newsletters')
                  : suppression.scope}
              </Typography>
            </Td>
            <Td>
              <SuppressionReasonBadge reason={suppression.reason} />
            </Td>
            <Td maxWidth="20rem">
              <Typography textColor="neutral600" ellipsis title={suppression.detail ?? undefined}>
                {suppression.detail || '—'}
              </Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800" title={suppression.createdAt}>
                {formatDate(suppression.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
              </Typography>
            </Td>
            <Td>
              {onRemove ? (
                <IconButton
                  label={t('suppressions.remove', 'Remove {address}', {
                    address: suppression.address,
                  })}
                  variant="ghost"
                  onClick={() => onRemove(suppression)}
                >
                  <Trash />
                </IconButton>
              ) : null}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

export { SuppressionsTable };
