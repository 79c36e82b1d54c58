import { Badge, Flex, IconButton, Switch, Td, Tr, Typography } from '@strapi/design-system';
import { Mail, Pencil, Trash } from '@strapi/icons';
import type { CSSProperties } from 'react';
import type { SmtpAccount } from '../../../shared/contracts/accounts';
import type { AccountHealth } from '../../../shared/contracts/health';
import { ACCOUNT_COLUMN_DISPLAY as SHOWN, HIDDEN_FROM_LARGE } from '../utils/columnDisplay';
import { AccountHealthCell } from './AccountHealthCell';
import { DomainCheckBadge } from './DomainCheckBadge';
import { OAuthStatusBadge } from './OAuthStatusBadge';
import { useTranslate } from '../hooks/useTranslate';

export interface AccountRowActions {
  onEdit?: (account: SmtpAccount) => void;
  onDelete?: (account: SmtpAccount) => void;
  onTest?: (account: SmtpAccount) => void;
  onToggleActive?: (account: SmtpAccount, active: boolean) => void;
}

/** "…" for a long name; Typography's own `ellipsis` would also set `display` and so show it on every width. */
const ELLIPSIS_KEEPING_DISPLAY: CSSProperties = {
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
};

interface AccountRowProps extends AccountRowActions {
  account: SmtpAccount;
  health?: AccountHealth;
  /** The row whose active switch is being saved. */
  isToggling: boolean;
}

/** One SMTP account; an action is absent when the role may not perform it. */
const AccountRow = ({
  account,
  health,
  isToggling,
  onEdit,
  onDelete,
  onTest,
  onToggleActive,
}: AccountRowProps) => {
  const t = useTranslate();
  const label = account.name ? `${account.name} <${account.email}>` : account.email;
  const yes = t('accounts.yes', 'Yes');
  const no = t('accounts.no', 'No');

  // `passwordState` comes with the crypto work (issue #8b); absent means unknown, not unreadable
  const needsPassword =
    (account as SmtpAccount & { passwordState?: string }).passwordState === 'unreadable';
  const stop = (e: React.MouseEvent) => e.stopPropagation();

  return (
    <Tr
      data-account-id={account.id}
      onClick={onEdit ? () => onEdit(account) : undefined}
      style={onEdit ? { cursor: 'pointer' } : undefined}
    >
      <Td display={SHOWN.id}>
        <Typography textColor="neutral800">{account.id}</Typography>
      </Td>
      <Td display={SHOWN.name} maxWidth="16rem">
        <Typography textColor="neutral800" ellipsis title={account.name || undefined}>
          {account.name || '—'}
        </Typography>
      </Td>
      <Td maxWidth="24rem">
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography
            textColor="neutral800"
            ellipsis
            maxWidth="100%"
            title={account.email}
            data-testid="account-email"
          >
            {account.email}
          </Typography>
          {/* the name column gives way on a narrow window: the name then stands under the address */}
          {account.name ? (
            <Typography
              variant="pi"
              textColor="neutral600"
              maxWidth="100%"
              display={HIDDEN_FROM_LARGE}
              style={ELLIPSIS_KEEPING_DISPLAY}
            >
              {account.name}
            </Typography>
          ) : null}
          <Flex gap={1} wrap="wrap">
            {needsPassword ? (
              <Badge
                size="S"
                backgroundColor="warning100"
                textColor="warning700"
                data-testid="needs-password"
              >
                {t('accounts.needsPassword', 'Needs password')}
              </Badge>
            ) : null}
            {/* "Needs re-authorization" is the health column's; a never-connected account says so here */}
            {account.oauthStatus === 'pending' ? <OAuthStatusBadge status="pending" /> : null}
            {account.preferForNewsletters ? (
              <Badge size="S" data-testid="newsletters-first">
                {t('accounts.newslettersFirst', 'Newsletters first')}
              </Badge>
            ) : null}
          </Flex>
        </Flex>
      </Td>
      <Td display={SHOWN.server} maxWidth="20rem">
        {/* the security mode under the server it is about: one column less for the table to fit */}
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography
            textColor="neutral800"
            ellipsis
            maxWidth="100%"
            title={`${account.host}:${account.port}`}
          >
            {account.host}:{account.port}
          </Typography>
          <Typography variant="pi" textColor="neutral600" data-testid="account-security">
            {t(`security.${account.security}`, account.security)}
          </Typography>
        </Flex>
      </Td>
      <Td display={SHOWN.active} onClick={stop}>
        {onToggleActive ? (
          <Switch
            aria-label={t('accounts.toggleActive', 'Active: {account}', { account: label })}
            checked={account.active}
            disabled={isToggling}
            onCheckedChange={(checked: boolean) => onToggleActive(account, checked)}
            onLabel={yes}
            offLabel={no}
          />
        ) : (
          <Badge active={account.active}>{account.active ? yes : no}</Badge>
        )}
      </Td>
      <Td>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <AccountHealthCell health={health} />
          <DomainCheckBadge check={account.domainCheck} withTooltip />
        </Flex>
      </Td>
      <Td onClick={stop}>
        <Flex gap={1} justifyContent="flex-end">
          {onTest ? (
            <IconButton
              label={t('accounts.sendTest', 'Send test mail from {account}', { account: label })}
              variant="ghost"
              onClick={() => onTest(account)}
            >
              <Mail />
            </IconButton>
          ) : null}
          {onEdit ? (
            <IconButton
              label={t('accounts.edit', 'Edit {account}', { account: label })}
              variant="ghost"
              onClick={() => onEdit(account)}
            >
              <Pencil />
            </IconButton>
          ) : null}
          {onDelete ? (
            <IconButton
              label={t('accounts.delete', 'Delete {account}', { account: label })}
              variant="ghost"
              onClick={() => onDelete(account)}
            >
              <Trash />
            </IconButton>
          ) : null}
        </Flex>
      </Td>
    </Tr>
  );
};

export { AccountRow };
