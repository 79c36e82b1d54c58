import {
  Badge,
  Flex,
  IconButton,
  Switch,
  Table,
  Tbody,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ArrowsCounterClockwise, Eye, Pencil, Trash } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { SendingDomain } from '../../../shared/contracts/deliverability';
import { useTranslate } from '../hooks/useTranslate';
import { TableHead } from './TableHead';

const COLUMNS = [
  ['domain', 'Domain'],
  ['selector', 'Selector'],
  ['signing', 'Signing'],
  ['created', 'Created'],
] as const;

export interface DomainActions {
  onShowRecord: (domain: SendingDomain) => void;
  /** Absent without domains.manage, like every action that changes a key. */
  onToggleActive?: (domain: SendingDomain, active: boolean) => void;
  onChangeSelector?: (domain: SendingDomain) => void;
  onRotate?: (domain: SendingDomain) => void;
  onDelete?: (domain: SendingDomain) => void;
}

interface DomainsTableProps extends DomainActions {
  domains: SendingDomain[];
  /** The row whose change is being saved. */
  busyId: number | null;
}

/** The sending domains, each with its DKIM selector, whether its mail is signed, and its key's actions. */
const DomainsTable = ({ domains, busyId, ...actions }: DomainsTableProps) => {
  const t = useTranslate();
  const { formatDate } = useIntl();
  const on = t('domains.signing.on', 'On');
  const off = t('domains.signing.off', 'Off');
  return (
    <Table colCount={COLUMNS.length + 1} rowCount={domains.length + 1}>
      <TableHead columns={COLUMNS} keyPrefix="domains.column" />
      <Tbody>
        {domains.map((domain) => {
          const name = { domain: domain.domain };
          return (
            <Tr key={domain.id} data-domain={domain.domain}>
              <Td maxWidth="24rem">
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <Typography textColor="neutral800" fontWeight="bold" ellipsis>
                    {domain.domain}
                  </Typography>
                  <Typography variant="pi" textColor="neutral600" ellipsis>
                    {domain.dnsName}
                  </Typography>
                </Flex>
              </Td>
              <Td>
                <Typography textColor="neutral800" data-testid="domain-selector">
                  {domain.selector}
                </Typography>
              </Td>
              <Td>
                {actions.onToggleActive ? (
                  <Switch
                    aria-label={t('domains.toggle', 'Sign mail From {domain}', name)}
                    checked={domain.active}
                    disabled={busyId === domain.id}
                    onCheckedChange={(checked: boolean) =>
                      actions.onToggleActive?.(domain, checked)
                    }
                    onLabel={on}
                    offLabel={off}
                  />
                ) : (
                  <Badge active={domain.active}>{domain.active ? on : off}</Badge>
                )}
              </Td>
              <Td>
                <Typography textColor="neutral800" title={domain.createdAt}>
                  {formatDate(domain.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                </Typography>
              </Td>
              <Td>
                <Flex gap={1} justifyContent="flex-end">
                  <IconButton
                    label={t('domains.showRecord', 'DNS record of {domain}', name)}
                    variant="ghost"
                    onClick={() => actions.onShowRecord(domain)}
                  >
                    <Eye />
                  </IconButton>
                  {actions.onChangeSelector ? (
                    <IconButton
                      label={t('domains.changeSelector', 'Change the selector of {domain}', name)}
                      variant="ghost"
                      disabled={busyId === domain.id}
                      onClick={() => actions.onChangeSelector?.(domain)}
                    >
                      <Pencil />
                    </IconButton>
                  ) : null}
                  {actions.onRotate ? (
                    <IconButton
                      label={t('domains.rotate', 'Make a new key for {domain}', name)}
                      variant="ghost"
                      disabled={busyId === domain.id}
                      onClick={() => actions.onRotate?.(domain)}
                    >
                      <ArrowsCounterClockwise />
                    </IconButton>
                  ) : null}
                  {actions.onDelete ? (
                    <IconButton
                      label={t('domains.delete', 'Delete the key of {domain}', name)}
                      variant="ghost"
                      disabled={busyId === domain.id}
                      onClick={() => actions.onDelete?.(domain)}
                    >
                      <Trash />
                    </IconButton>
                  ) : null}
                </Flex>
              </Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};

export { DomainsTable };
