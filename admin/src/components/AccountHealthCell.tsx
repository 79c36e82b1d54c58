import { Badge, Flex, Typography } from '@strapi/design-system';
import type { AccountHealth, AccountHealthStatus } from '../../../shared/contracts/health';
import { useFormatDateTime } from '../hooks/useFormatDateTime';
import { useTranslate } from '../hooks/useTranslate';

const STATUS_TEXT: Record<AccountHealthStatus, string> = {
  ok: 'OK',
  failing: 'Failing',
  unused: 'Not used yet',
  'reauth-required': 'Needs re-authorization',
};

/** The account's status badge and its sent/failed counts over the health window (24 h). */
const AccountHealthCell = ({ health }: { health: AccountHealth | undefined }) => {
  const t = useTranslate();
  const formatDateTime = useFormatDateTime();
  if (!health) return <Typography textColor="neutral500">—</Typography>;
  const failure = health.lastFailure;
  const title = failure
    ? t('health.lastFailure', 'Last failure: {when}, stage {stage}', {
        when: formatDateTime(failure.at),
        stage: failure.stage ? t(`stage.${failure.stage}`, failure.stage) : '—',
      })
    : undefined;
  return (
    <Flex
      direction="column"
      alignItems="flex-start"
      gap={1}
      data-health={health.status}
      title={title}
    >
      <Badge
        size="S"
        backgroundColor={
          health.status === 'failing' || health.status === 'reauth-required'
            ? 'danger100'
            : health.status === 'ok'
              ? 'success100'
              : 'neutral150'
        }
        textColor={
          health.status === 'failing' || health.status === 'reauth-required'
            ? 'danger700'
            : health.status === 'ok'
              ? 'success700'
              : 'neutral600'
        }
      >
        {t(`health.status.${health.status}`, STATUS_TEXT[health.status])}
      </Badge>
      <Typography variant="pi" textColor="neutral600">
        {t('health.counts', '{sent} sent · {failed} failed', {
          sent: health.sent,
          failed: health.failed,
        })}
      </Typography>
    </Flex>
  );
};

export { AccountHealthCell };
