import { Box, Flex, Link, Loader, Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import { NavLink } from 'react-router-dom';
import type { GetSendStats } from '../../../shared/contracts/stats';
import { useAdminApi } from '../hooks/useAdminApi';
import { dayFromDate } from '../utils/logFilters';
import { useTranslate } from '../hooks/useTranslate';
import { panelPaths } from '../utils/panelPaths';

type Stats = GetSendStats.Response['data'];

/** Home-page widget: mails of the last 24 h per status and the failing accounts, each a link into the filtered log. */
const SendStatsWidget = () => {
  const t = useTranslate();
  const api = useAdminApi();
  const [stats, setStats] = useState<Stats | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    api
      .getSendStats()
      .then(({ data }) => setStats(data))
      .catch(() => setFailed(true));
  }, [api]);

  if (failed)
    return (
      <Typography textColor="danger600">
        {t('widget.failed', 'The figures could not be loaded')}
      </Typography>
    );
  if (!stats) return <Loader small>{t('widget.loading', 'Loading')}</Loader>;

  // the log filters by calendar day: from the day the 24 h window starts
  const since = dayFromDate(new Date(stats.since));
  const logLink = (filters: Record<string, string>) =>
    panelPaths.log({ ...filters, since, page: '1' });
  const figures = [
    {
      status: 'sent',
      label: t('widget.sent', 'Sent'),
      value: stats.counts.sent,
      color: 'success600',
    },
    {
      status: 'failed',
      label: t('widget.failed.count', 'Failed'),
      value: stats.counts.failed,
      color: 'danger600',
    },
    {
      status: 'fallback',
      label: t('widget.fallback', 'Via the stock provider'),
      value: stats.counts.fallback,
      color: 'neutral800',
    },
  ];

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="smtp-widget">
      {!stats.enabled ? (
        <Typography textColor="warning600">
          {t('moduleOff.title', 'The module is switched off')}
        </Typography>
      ) : null}
      <Flex gap={4} justifyContent="space-between">
        {figures.map((figure) => (
          <Link
            key={figure.status}
            tag={NavLink}
            to={logLink({ status: figure.status })}
            data-status={figure.status}
          >
            <Flex direction="column" alignItems="flex-start">
              <Typography variant="alpha" textColor={figure.color}>
                {figure.value}
              </Typography>
              <Typography variant="pi" textColor="neutral600">
                {figure.label}
              </Typography>
            </Flex>
          </Link>
        ))}
      </Flex>
      <Typography variant="pi" textColor="neutral600">
        {t('widget.window', '{hours, plural, one {Last hour} other {Last # hours}}', {
          hours: stats.windowHours,
        })}
      </Typography>
      {stats.failingAccounts.length ? (
        <Box>
          <Typography variant="sigma" textColor="neutral600" tag="h3">
            {t('widget.failingAccounts', 'Failing accounts')}
          </Typography>
          <Flex direction="column" alignItems="flex-start" gap={1} tag="ul">
            {stats.failingAccounts.map((account) => (
              <li key={account.id}>
                <Link
                  tag={NavLink}
                  to={logLink({ status: 'failed', accountId: String(account.id) })}
                >
                  {account.name ? `${account.name} <${account.email}>` : account.email}
                </Link>
              </li>
            ))}
          </Flex>
        </Box>
      ) : (
        <Typography textColor="neutral600">
          {t('widget.noFailing', 'No account is failing.')}
        </Typography>
      )}
    </Flex>
  );
};

export { SendStatsWidget };
