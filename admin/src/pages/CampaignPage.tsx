import { Alert, Badge, Box, Button, Flex, Link, Typography } from '@strapi/design-system';
import { ArrowClockwise, Clock, Cross, Play } from '@strapi/icons';
import { isFetchError, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { NavLink, useParams } from 'react-router-dom';
import type { BatchDetail, ChangeBatch } from '../../../shared/contracts/campaigns';
import { CampaignAccountsTable } from '../components/CampaignAccountsTable';
import { CampaignCounts } from '../components/CampaignCounts';
import { CampaignProgress } from '../components/CampaignProgress';
import { CampaignRejectionsTable } from '../components/CampaignRejectionsTable';
import { CampaignSendChart } from '../components/CampaignSendChart';
import { CampaignStateBadge } from '../components/CampaignStateBadge';
import { CancelCampaignDialog } from '../components/CancelCampaignDialog';
import { ModuleOffBanner } from '../components/ModuleOffBanner';
import { PageHeader } from '../components/PageHeader';
import { SmtpErrorAlert } from '../components/SmtpErrorAlert';
import { useAdminApi } from '../hooks/useAdminApi';
import { useApiError } from '../hooks/useApiError';
import { useBatchTimeline } from '../hooks/useBatchTimeline';
import { useCampaignFormat } from '../hooks/useCampaignFormat';
import { useCampaignPermissions } from '../hooks/useCampaignPermissions';
import { useLogPermissions } from '../hooks/useLogPermissions';
import type { ApiErrorInfo } from '../utils/apiError';
import { batchActions, batchLogPath, isFinished } from '../utils/campaigns';
import { NotFoundPage } from './NotFoundPage';
import { useRefresh } from '../hooks/useRefresh';
import { useTranslate } from '../hooks/useTranslate';
import { panelPaths } from '../utils/panelPaths';
import { useFormatDateTime } from '../hooks/useFormatDateTime';

const REFRESH_MS = 5000;

/**
 * One campaign batch: counts, progress, rate and ETA, the send rate per account over time, who sent it, what was
 * refused, and Pause / Resume / Cancel.
 */
const CampaignPage = () => {
  const { batchId } = useParams<{ batchId: string }>();
  const isKnownId = /^\d{1,9}$/.test(batchId ?? '');
  const formatDateTime = useFormatDateTime();
  const readApiError = useApiError();
  const t = useTranslate();
  const api = useAdminApi();
  const { toggleNotification } = useNotification();
  const permissions = useCampaignPermissions();
  const logPermissions = useLogPermissions();
  const format = useCampaignFormat();

  const [batch, setBatch] = useState<BatchDetail | null>(null);
  const [loadError, setLoadError] = useState<'missing' | 'failed' | null>(
    isKnownId ? null : 'missing'
  );
  const [pending, setPending] = useState<ChangeBatch.Action | null>(null);
  const [error, setError] = useState<ApiErrorInfo | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [hideEnqueueError, setHideEnqueueError] = useState(false);
  const {
    timeline,
    failed: timelineFailed,
    reload: reloadTimeline,
  } = useBatchTimeline(batchId ?? '');

  const load = useCallback(async () => {
    void reloadTimeline();
    try {
      const { data } = await api.getBatch({ id: batchId ?? '' });
      setBatch(data);
    } catch (caught) {
      setLoadError(isFetchError(caught) && caught.status === 404 ? 'missing' : 'failed');
    }
  }, [api, batchId, reloadTimeline]);

  useEffect(() => {
    if (isKnownId && permissions.canRead) void load();
  }, [load, isKnownId, permissions.canRead]);

  const moving = batch !== null && !isFinished(batch.state);
  useRefresh(() => void load(), moving && !pending, REFRESH_MS);

  const change = async (action: ChangeBatch.Action) => {
    if (pending) return;
    setPending(action);
    setError(null);
    try {
      const changeBatch = {
        pause: api.pauseBatch,
        resume: api.resumeBatch,
        cancel: api.cancelBatch,
      }[action];
      const { data } = await changeBatch({ id: batchId ?? '' });
      setBatch(data);
      setConfirmCancel(false);
      const done = {
        pause: 'The campaign is paused',
        resume: 'The campaign is sending again',
        cancel: 'The campaign is cancelled',
      };
      toggleNotification({ type: 'success', message: t(`campaign.${action}.done`, done[action]) });
    } catch (caught) {
      setConfirmCancel(false);
      setError(
        readApiError(caught, t('campaign.changeFailed', 'The campaign could not be changed'))
      );
      void load();
    } finally {
      setPending(null);
    }
  };

  if (loadError === 'missing')
    return <NotFoundPage what="campaign" id={isKnownId ? batchId : undefined} />;
  if (permissions.isLoading) return <Page.Loading />;
  if (!permissions.canRead) return <Page.NoPermissions />;
  if (loadError) return <Page.Error />;
  if (batch === null) return <Page.Loading />;

  const actions = batchActions(batch.state);
  const title = batch.campaign || t('campaigns.unnamed', 'Batch #{id}', { id: batch.id });
  const manageButtons = permissions.canManage ? (
    <Flex gap={2}>
      {actions.resume ? (
        <Button
          variant="secondary"
          startIcon={<Play />}
          onClick={() => void change('resume')}
          loading={pending === 'resume'}
          disabled={pending !== null}
        >
          {t('campaign.resume', 'Resume')}
        </Button>
      ) : (
        <Button
          variant="secondary"
          startIcon={<Clock />}
          onClick={() => void change('pause')}
          loading={pending === 'pause'}
          disabled={pending !== null || !actions.pause}
        >
          {t('campaign.pause', 'Pause')}
        </Button>
      )}
      <Button
        variant="danger-light"
        startIcon={<Cross />}
        onClick={() => setConfirmCancel(true)}
        disabled={pending !== null || !actions.cancel}
      >
        {t('campaign.cancel', 'Cancel')}
      </Button>
    </Flex>
  ) : undefined;

  return (
    <Page.Main>
      <PageHeader
        title={title}
        backTo={panelPaths.campaigns}
        subtitle={t(
          'campaign.subtitle',
          'Batch #{id} · created {created} · {engine, select, redis {BullMQ (Redis)} other {database queue}}',
          {
            id: batch.id,
            created: formatDateTime(batch.createdAt),
            engine: batch.engine,
          }
        )}
        primaryAction={manageButtons}
        secondaryAction={
          <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={() => void load()}>
            {t('campaigns.refresh', 'Refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <ModuleOffBanner />
          {error ? (
            <SmtpErrorAlert
              error={error}
              title={t('campaign.changeFailed', 'The campaign could not be changed')}
              onClose={() => setError(null)}
            />
          ) : null}
          {batch.enqueueError && !hideEnqueueError ? (
            <Alert
              variant="danger"
              closeLabel={t('log.modal.close', 'Close')}
              title={t(
                'campaign.enqueueError',
                'Reading the messages stopped early: what was read is sent'
              )}
              onClose={() => setHideEnqueueError(true)}
            >
              {batch.enqueueError}
            </Alert>
          ) : null}
          <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Flex gap={3} wrap="wrap">
                <CampaignStateBadge state={batch.state} />
                {batch.newsletter ? <Badge>{t('campaigns.newsletter', 'Newsletter')}</Badge> : null}
                <Typography textColor="neutral700" data-testid="campaign-rate">
                  {t('campaign.rate', 'Rate: {rate}', { rate: format.rate(batch) })}
                </Typography>
                <Typography textColor="neutral700" data-testid="campaign-eta">
                  {t('campaign.eta', 'Time left: {eta}', { eta: format.eta(batch) })}
                </Typography>
                {batch.finishedAt ? (
                  <Typography textColor="neutral700">
                    {t('campaign.finishedAt', 'Finished {finished}', {
                      finished: formatDateTime(batch.finishedAt),
                    })}
                  </Typography>
                ) : null}
              </Flex>
              <CampaignProgress counts={batch.counts} size="M" />
              <CampaignCounts counts={batch.counts} />
              {logPermissions.canRead ? (
                <Flex gap={4} wrap="wrap">
                  <Link tag={NavLink} to={batchLogPath(batch.id)}>
                    {t('campaign.log.all', 'This batch in the send log')}
                  </Link>
                  {batch.counts.failed > 0 ? (
                    <Link tag={NavLink} to={batchLogPath(batch.id, 'failed')}>
                      {t('campaign.log.failed', 'Its failed mails')}
                    </Link>
                  ) : null}
                  {batch.counts.suppressed > 0 ? (
                    <Link tag={NavLink} to={batchLogPath(batch.id, 'suppressed')}>
                      {t('campaign.log.suppressed', 'Its mails not sent to suppressed addresses')}
                    </Link>
                  ) : null}
                </Flex>
              ) : null}
              {batch.counts.uncertain > 0 ? (
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <Typography textColor="warning600">
                    {t(
                      'campaign.uncertain',
                      '{count, plural, one {# mail was} other {# mails were}} sent again after a process stopped mid-send and may have arrived twice: they carry the "Maybe sent twice" badge in the send log.',
                      { count: batch.counts.uncertain }
                    )}
                  </Typography>
                  {logPermissions.canRead ? (
                    <Link tag={NavLink} to={batchLogPath(batch.id, 'uncertain')}>
                      {t('campaign.log.uncertain', 'Its mails that may have arrived twice')}
                    </Link>
                  ) : null}
                </Flex>
              ) : null}
            </Flex>
          </Box>
          <CampaignSendChart timeline={timeline} loadFailed={timelineFailed} />
          <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
            <Flex direction="column" alignItems="stretch" gap={3}>
              <Typography variant="delta" tag="h2">
                {t('campaign.accounts.title', 'Per account')}
              </Typography>
              <CampaignAccountsTable accounts={batch.accounts} />
            </Flex>
          </Box>
          {batch.counts.rejected > 0 ? (
            <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
              <Flex direction="column" alignItems="stretch" gap={3}>
                <Typography variant="delta" tag="h2">
                  {t('campaign.rejections.title', 'Refused at enqueue')}
                </Typography>
                <CampaignRejectionsTable
                  rejections={batch.rejections}
                  rejected={batch.counts.rejected}
                />
              </Flex>
            </Box>
          ) : null}
        </Flex>
      </Layouts.Content>
      <CancelCampaignDialog
        open={confirmCancel}
        queued={batch.counts.queued}
        isCancelling={pending === 'cancel'}
        onClose={() => setConfirmCancel(false)}
        onConfirm={() => void change('cancel')}
      />
    </Page.Main>
  );
};

export { CampaignPage };
