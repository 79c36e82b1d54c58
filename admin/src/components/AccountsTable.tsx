import { Table, Tbody, Th, Thead, Tr, Typography, VisuallyHidden } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { SmtpAccount } from '../../../shared/contracts/accounts';
import type { AccountHealth } from '../../../shared/contracts/health';
import { ACCOUNT_COLUMN_DISPLAY } from '../utils/columnDisplay';
import { getTranslation } from '../utils/getTranslation';
import type { SortDirection, SortKey } from '../utils/sortAccounts';
import { AccountRow, type AccountRowActions } from './AccountRow';
import { SortableHeader } from './SortableHeader';

interface AccountsTableProps extends AccountRowActions {
  accounts: SmtpAccount[];
  health: Record<number, AccountHealth>;
  sortKey: SortKey;
  direction: SortDirection;
  onSort: (column: SortKey) => void;
  togglingId: number | null;
}

const COLUMNS: { key: SortKey; id: string; defaultMessage: string }[] = [
  { key: 'id', id: 'accounts.column.id', defaultMessage: 'ID' },
  { key: 'name', id: 'accounts.column.name', defaultMessage: 'Sender name' },
  { key: 'email', id: 'accounts.column.email', defaultMessage: 'Sender email' },
  { key: 'server', id: 'accounts.column.server', defaultMessage: 'Host:port' },
  { key: 'active', id: 'accounts.column.active', defaultMessage: 'Active' },
];

const AccountsTable = ({
  accounts,
  health,
  sortKey,
  direction,
  onSort,
  togglingId,
  ...actions
}: AccountsTableProps) => {
  const { formatMessage } = useIntl();
  return (
    <Table colCount={COLUMNS.length + 2} rowCount={accounts.length + 1}>
      <Thead>
        <Tr>
          {COLUMNS.map((column) => (
            <SortableHeader
              key={column.key}
              column={column.key}
              label={formatMessage({
                id: getTranslation(column.id),
                defaultMessage: column.defaultMessage,
              })}
              sortKey={sortKey}
              direction={direction}
              onSort={onSort}
              display={ACCOUNT_COLUMN_DISPLAY[column.key]}
            />
          ))}
          <Th>
            <Typography variant="sigma" textColor="neutral600">
              {formatMessage({
                id: getTranslation('accounts.column.health'),
                defaultMessage: 'Last 24 h',
              })}
            </Typography>
          </Th>
          <Th>
            <VisuallyHidden>
              {formatMessage({
                id: getTranslation('accounts.column.actions'),
                defaultMessage: 'Actions',
              })}
            </VisuallyHidden>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {accounts.map((account) => (
          <AccountRow
            key={account.id}
            account={account}
            health={health[account.id]}
            isToggling={togglingId === account.id}
            {...actions}
          />
        ))}
      </Tbody>
    </Table>
  );
};

export { AccountsTable };
