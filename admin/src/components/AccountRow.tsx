import { Badge, Flex, IconButton, Switch, Td, Tr, Typography } from '@strapi/design-system';
import { Mail, Pencil, Trash } from '@strapi/icons';
import type { SmtpAccount } from '../../../shared/contracts/accounts';
import type { AccountHealth } from '../../../shared/contracts/health';
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
      <Td>
        <Typography textColor="neutral800">{account.id}</Typography>
      </Td>
      <Td>
        <Typography textColor="neutral800">{account.name || '—'}</Typography>
      </Td>
      <Td>
        <Flex gap={2}>
          <Typography textColor="neutral800">{account.email}</Typography>
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
        </Flex>
      </Td>
      <Td>
        <Typography textColor="neutral800">
          {account.host}:{account.port}
        </Typography>
      </Td>
      <Td>
        <Badge>{t(`security.${account.security}`, account.security)}</Badge>
      </Td>
      <Td onClick={stop}>
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
        <Typography textColor="neutral800">{account.preferForNewsletters ? yes : no}</Typography>
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
