import { Badge, Flex, IconButton, Link, Td, Tr, Typography } from '@strapi/design-system';
import { Eye } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import type { SendLogEntry } from '../../../shared/contracts/send-log';
import { LogResendNote } from './LogResendNote';
import { LogStatusBadge } from './LogStatusBadge';
import { UncertainBadge } from './UncertainBadge';
import { useTranslate } from '../hooks/useTranslate';
import { useFormatDateTime } from '../hooks/useFormatDateTime';
import { panelPaths } from '../utils/panelPaths';

interface LogRowProps {
  entry: SendLogEntry;
  onOpen: (entry: SendLogEntry) => void;
}

/** One logged mail; the whole row opens its details (every attempt, resend). */
const LogRow = ({ entry, onOpen }: LogRowProps) => {
  const { formatNumber } = useIntl();
  const formatDateTime = useFormatDateTime();
  const t = useTranslate();
  const others = entry.recipientsCount - 1;

  return (
    <Tr
      data-log-id={entry.id}
      data-status={entry.status}
      onClick={() => onOpen(entry)}
      style={{ cursor: 'pointer' }}
    >
      <Td>
        <Typography textColor="neutral800" title={entry.createdAt}>
          {formatDateTime(entry.createdAt)}
        </Typography>
      </Td>
      <Td maxWidth="16rem">
        <Typography textColor="neutral800" ellipsis title={entry.from}>
          {entry.from}
        </Typography>
      </Td>
      <Td>
        <Flex direction="column" alignItems="flex-start">
          <Typography textColor="neutral800">{entry.firstRecipient || '—'}</Typography>
          {others > 0 ? (
            <Typography textColor="neutral600" variant="pi">
              {t('log.moreRecipients', '+{count} more', { count: others })}
            </Typography>
          ) : null}
        </Flex>
      </Td>
      <Td maxWidth="14rem">
        <Flex gap={2}>
          <Typography textColor="neutral800" ellipsis>
            {entry.subject || '—'}
          </Typography>
          {entry.newsletter ? <Badge size="S">{t('log.newsletter', 'Newsletter')}</Badge> : null}
        </Flex>
      </Td>
      <Td>
        <Flex direction="column" alignItems="flex-start">
          {entry.accountId ? (
            <Link
              tag={NavLink}
              to={panelPaths.account(entry.accountId)}
              onClick={(e: React.MouseEvent) => e.stopPropagation()}
            >
              {`#${entry.accountId} ${entry.accountEmail ?? ''}`}
            </Link>
          ) : (
            <Typography textColor="neutral600">{t('log.noAccount', 'none')}</Typography>
          )}
          <Typography variant="pi" textColor="neutral600" data-rule={entry.rule}>
            {t(`log.rule.${entry.rule}`, entry.rule)}
          </Typography>
        </Flex>
      </Td>
      <Td>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <LogStatusBadge status={entry.status} />
          {entry.uncertain ? <UncertainBadge /> : null}
          <LogResendNote entry={entry} />
        </Flex>
      </Td>
      <Td>
        <Typography textColor="neutral800">{entry.attempts}</Typography>
      </Td>
      <Td>
        <Typography textColor="neutral800">
          {t('log.ms', '{ms} ms', { ms: formatNumber(entry.durationMs) })}
        </Typography>
      </Td>
      <Td onClick={(e: React.MouseEvent) => e.stopPropagation()}>
        <IconButton
          label={t('log.details', 'Details of mail #{id}', { id: entry.id })}
          variant="ghost"
          onClick={() => onOpen(entry)}
        >
          <Eye />
        </IconButton>
      </Td>
    </Tr>
  );
};

export { LogRow };
