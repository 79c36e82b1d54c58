import { Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import type { BatchAccountShare } from '../../../shared/contracts/campaigns';
import { useTranslate } from '../hooks/useTranslate';
import { panelPaths } from '../utils/panelPaths';

/** Which account sent how much of a batch; `accountId` null is the stock provider (fallback). */
const CampaignAccountsTable = ({ accounts }: { accounts: BatchAccountShare[] }) => {
  const { formatNumber } = useIntl();
  const t = useTranslate();
  if (accounts.length === 0) {
    return (
      <Typography textColor="neutral600">
        {t('campaign.accounts.none', 'Nothing sent yet.')}
      </Typography>
    );
  }
  return (
    <Table colCount={3} rowCount={accounts.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{t('campaign.accounts.account', 'Account')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('campaign.accounts.sent', 'Sent')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('campaign.accounts.failed', 'Failed')}</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {accounts.map((share) => (
          <Tr key={share.accountId ?? 'provider'} data-account-id={share.accountId ?? 'provider'}>
            <Td>
              {share.accountId ? (
                <Link tag={NavLink} to={panelPaths.account(share.accountId)}>
                  {`#${share.accountId} ${share.accountEmail ?? ''}`}
                </Link>
              ) : (
                <Typography textColor="neutral800">
                  {t('campaign.accounts.provider', 'Stock provider (fallback)')}
                </Typography>
              )}
            </Td>
            <Td>
              <Typography textColor="neutral800">{formatNumber(share.sent)}</Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">{formatNumber(share.failed)}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

export { CampaignAccountsTable };
