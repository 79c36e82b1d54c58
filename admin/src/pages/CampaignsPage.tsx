import { EmptyStateLayout, Flex } from '@strapi/design-system';
import { BulletList } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useCallback } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { CampaignsTable } from '../components/CampaignsTable';
import { ListFooter } from '../components/ListFooter';
import { ModuleOffBanner } from '../components/ModuleOffBanner';
import { PageHeader } from '../components/PageHeader';
import { PageLinkButton } from '../components/PageLinkButton';
import { RefreshButton } from '../components/RefreshButton';
import { SmtpErrorAlert } from '../components/SmtpErrorAlert';
import { useAdminApi } from '../hooks/useAdminApi';
import { useCampaignPermissions } from '../hooks/useCampaignPermissions';
import { useListLoader } from '../hooks/useListLoader';
import { useLogPermissions } from '../hooks/useLogPermissions';
import { campaignPath, isFinished } from '../utils/campaigns';
import { useRefresh } from '../hooks/useRefresh';
import { useTranslate } from '../hooks/useTranslate';
import { panelPaths } from '../utils/panelPaths';

const REFRESH_MS = 5000;
const DEFAULT_PAGE_SIZE = 10;

/** Campaign batches queued by server code (`queue.enqueue`), with their progress; refreshed while one is sending or the list is empty. */
const CampaignsPage = () => {
  const t = useTranslate();
  const api = useAdminApi();
  const navigate = useNavigate();
  const permissions = useCampaignPermissions();
  const logPermissions = useLogPermissions();
  const [searchParams] = useSearchParams();
  const page = searchParams.get('page') ?? '1';
  const pageSize = searchParams.get('pageSize') ?? String(DEFAULT_PAGE_SIZE);

  const fetchBatches = useCallback(
    () => api.listBatches({ page, pageSize }),
    [api, page, pageSize]
  );
  const {
    data: result,
    isLoading,
    error,
    clearError,
    load,
  } = useListLoader(
    fetchBatches,
    t('campaigns.loadFailed', 'The campaigns could not be loaded'),
    permissions.canRead
  );

  const batches = result?.data ?? [];
  // while a batch sends, and while there is none yet (a module may queue one any moment)
  const moving =
    result !== null && (batches.length === 0 || batches.some((batch) => !isFinished(batch.state)));
  useRefresh(() => void load(true), permissions.canRead && moving, REFRESH_MS);

  if (permissions.isLoading) return <Page.Loading />;
  if (!permissions.canRead) return <Page.NoPermissions />;

  const title = t('campaigns.title', 'Campaigns');
  const pagination = result?.meta.pagination;

  return (
    <Page.Main>
      <PageHeader
        title={title}
        subtitle={t(
          'campaigns.subtitle',
          'Mailings queued by campaign and newsletter modules, newest first'
        )}
        primaryAction={
          <RefreshButton onClick={() => void load()} isLoading={isLoading}>
            {t('campaigns.refresh', 'Refresh')}
          </RefreshButton>
        }
        secondaryAction={
          logPermissions.canRead ? (
            <PageLinkButton to={panelPaths.log()} icon={<BulletList />}>
              {t('accounts.sendLog', 'Send log')}
            </PageLinkButton>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <ModuleOffBanner />
          {error ? (
            <SmtpErrorAlert
              error={error}
              title={t('campaigns.loadFailed', 'The campaigns could not be loaded')}
              onClose={clearError}
            />
          ) : null}
          {result === null && !error ? <Page.Loading /> : null}
          {result !== null && batches.length === 0 ? (
            <EmptyStateLayout
              icon={<EmptyDocuments width="16rem" />}
              content={t(
                'campaigns.empty',
                'No campaign yet. Campaign and newsletter modules queue mail from server code (strapi.plugin("smtp-accounts").service("queue").enqueue); there is no button or route that queues mail here.'
              )}
            />
          ) : null}
          {batches.length > 0 ? (
            <CampaignsTable
              batches={batches}
              onOpen={(batch) => navigate(campaignPath(batch.id))}
            />
          ) : null}
          {pagination && pagination.total > 0 ? (
            <ListFooter
              summary={t('campaigns.total', '{total, plural, one {# batch} other {# batches}}', {
                total: pagination.total,
              })}
              testId="campaigns-total"
              pagination={pagination}
              defaultPageSize={DEFAULT_PAGE_SIZE}
            />
          ) : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export { CampaignsPage };
