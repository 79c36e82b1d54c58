import { Badge, Flex, IconButton, Link, Td, Tr, Typography } from '@strapi/design-system';
import { Eye } from '@strapi/icons';
import type { CSSProperties } from 'react';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import type { SendLogEntry } from '../../../shared/contracts/send-log';
import { LogResendNote } from './LogResendNote';
import { LogStatusBadge } from './LogStatusBadge';
import { UncertainBadge } from './UncertainBadge';
import { LOG_COLUMN_DISPLAY as SHOWN } from '../utils/columnDisplay';
import { useTranslate } from '../hooks/useTranslate';
import { panelPaths } from '../utils/panelPaths';
import { useFormatDateTime } from '../hooks/useFormatDateTime';

/** The table keeps its cells on one line (design system); these wrap. */
const WRAP: CSSProperties = { whiteSpace: 'normal' };
/** The subject: up to two lines, then "…" (the full subject is its title). */
const TWO_LINES: CSSProperties = {
  whiteSpace: 'normal',
  overflowWrap: 'anywhere',
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
};
const ELLIPSIS: CSSProperties = {
  display: 'block',
  maxWidth: '100%',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
};

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
      <Td maxWidth="12rem">
        {/* date and time may stand on two lines: the column stays narrow in every language */}
        <Typography
          textColor="neutral800"
          title={entry.createdAt}
          display="block"
          minWidth="10rem"
          style={WRAP}
        >
          {formatDateTime(entry.createdAt)}
        </Typography>
      </Td>
      <Td maxWidth="16rem">
        <Typography textColor="neutral800" ellipsis title={entry.from}>
          {entry.from}
        </Typography>
      </Td>
      <Td maxWidth="16rem">
        <Flex direction="column" alignItems="flex-start">
          <Typography
            textColor="neutral800"
            ellipsis
            maxWidth="100%"
            title={entry.firstRecipient || undefined}
          >
            {entry.firstRecipient || '—'}
          </Typography>
          {others > 0 ? (
            <Typography textColor="neutral600" variant="pi">
              {t('log.moreRecipients', '+{count} more', { count: others })}
            </Typography>
          ) : null}
        </Flex>
      </Td>
      <Td minWidth="24rem">
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography textColor="neutral800" title={entry.subject || undefined} style={TWO_LINES}>
            {entry.subject || '—'}
          </Typography>
          {entry.newsletter ? <Badge size="S">{t('log.newsletter', 'Newsletter')}</Badge> : null}
        </Flex>
      </Td>
      <Td display={SHOWN.account} maxWidth="20rem">
        <Flex direction="column" alignItems="flex-start">
          {entry.accountId ? (
            <Link
              tag={NavLink}
              to={panelPaths.account(entry.accountId)}
              onClick={(e: React.MouseEvent) => e.stopPropagation()}
              title={entry.accountEmail ?? undefined}
              style={ELLIPSIS}
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
      <Td display={SHOWN.attempts}>
        <Flex direction="column" alignItems="flex-start">
          <Typography textColor="neutral800">{entry.attempts}</Typography>
          <Typography variant="pi" textColor="neutral600">
            {t('log.ms', '{ms} ms', { ms: formatNumber(entry.durationMs) })}
          </Typography>
        </Flex>
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
