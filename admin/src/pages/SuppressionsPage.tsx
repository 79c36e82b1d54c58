import { Button, EmptyStateLayout, Flex } from '@strapi/design-system';
import { Download, Plus, SealCheck, Upload } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import type { Suppression } from '../../../shared/contracts/deliverability';
import { AddSuppressionModal } from '../components/AddSuppressionModal';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ImportSuppressionsModal } from '../components/ImportSuppressionsModal';
import { ListFooter } from '../components/ListFooter';
import { PageHeader } from '../components/PageHeader';
import { PageLinkButton } from '../components/PageLinkButton';
import { SmtpErrorAlert } from '../components/SmtpErrorAlert';
import { SuppressionFilters } from '../components/SuppressionFilters';
import { SuppressionsTable } from '../components/SuppressionsTable';
import { useAdminApi } from '../hooks/useAdminApi';
import { useApiError } from '../hooks/useApiError';
import { useDomainPermissions } from '../hooks/useDomainPermissions';
import { DEFAULT_PAGE_SIZE, useSuppressionList } from '../hooks/useSuppressionList';
import { useSuppressionPermissions } from '../hooks/useSuppressionPermissions';
import { useTranslate } from '../hooks/useTranslate';
import { panelPaths } from '../utils/panelPaths';
import { saveFile } from '../utils/saveFile';

/** The suppression list: addresses newsletter mail is not sent to; search, filter, add, remove, CSV in and out. */
const SuppressionsPage = () => {
  const t = useTranslate();
  const api = useAdminApi();
  const readApiError = useApiError();
  const { toggleNotification } = useNotification();
  const permissions = useSuppressionPermissions();
  const domainPermissions = useDomainPermissions();
  const list = useSuppressionList(permissions.canRead);
  const [isAdding, setIsAdding] = useState(false);
  const [isImporting, setIsImporting] = useState(false);
  const [isExporting, setIsExporting] = useState(false);
  const [toRemove, setToRemove] = useState<Suppression | null>(null);
  const [isRemoving, setIsRemoving] = useState(false);

  if (permissions.isLoading || domainPermissions.isLoading) return <Page.Loading />;
  if (!permissions.canRead) return <Page.NoPermissions />;

  const exportCsv = async () => {
    setIsExporting(true);
    try {
      const csv = await api.exportSuppressions();
      saveFile(csv, `suppressions-${new Date().toISOString().slice(0, 10)}.csv`, 'text/csv');
    } catch (caught) {
      toggleNotification({
        type: 'danger',
        message: readApiError(caught, t('suppressions.exportFailed', 'The export failed')).message,
      });
    } finally {
      setIsExporting(false);
    }
  };
  const remove = async () => {
    if (!toRemove) return;
    setIsRemoving(true);
    try {
      await api.deleteSuppression({ id: toRemove.id });
      toggleNotification({
        type: 'success',
        message: t('suppressions.removed', '{address} gets newsletters again', {
          address: toRemove.address,
        }),
      });
      setToRemove(null);
      void list.load();
    } catch (caught) {
      toggleNotification({
        type: 'danger',
        message: readApiError(caught, t('suppressions.removeFailed', 'Could not remove')).message,
      });
    } finally {
      setIsRemoving(false);
    }
  };

  const { result, query } = list;
  const rows = result?.data ?? [];
  const pagination = result?.meta.pagination;
  const isFiltered = Boolean(query.q || query.reason);
  const title = t('suppressions.title', 'Suppressions');

  return (
    <Page.Main>
      <PageHeader
        title={title}
        subtitle={t(
          'suppressions.subtitle',
          'Addresses newsletter mail is not sent to: unsubscribes, hard bounces, complaints and addresses added by hand'
        )}
        primaryAction={
          permissions.canManage ? (
            <Button startIcon={<Plus />} onClick={() => setIsAdding(true)}>
              {t('suppressions.add', 'Add address')}
            </Button>
          ) : undefined
        }
        secondaryAction={
          <Flex gap={2}>
            <Button
              variant="tertiary"
              startIcon={<Download />}
              onClick={() => void exportCsv()}
              loading={isExporting}
              disabled={isExporting}
            >
              {t('suppressions.export', 'Export CSV')}
            </Button>
            {permissions.canManage ? (
              <Button
                variant="tertiary"
                startIcon={<Upload />}
                onClick={() => setIsImporting(true)}
              >
                {t('suppressions.import', 'Import CSV')}
              </Button>
            ) : null}
            {domainPermissions.canRead ? (
              <PageLinkButton to={panelPaths.deliverability()} icon={<SealCheck />}>
                {t('accounts.deliverability', 'Deliverability')}
              </PageLinkButton>
            ) : null}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <SuppressionFilters
            q={query.q ?? ''}
            reason={query.reason ?? ''}
            onChange={list.setFilter}
          />
          {list.error ? (
            <SmtpErrorAlert
              error={list.error}
              title={t('suppressions.loadFailed', 'The suppression list could not be loaded')}
              onClose={list.clearError}
            />
          ) : null}
          {result === null && !list.error ? <Page.Loading /> : null}
          {result !== null && rows.length === 0 ? (
            <EmptyStateLayout
              icon={<EmptyDocuments width="16rem" />}
              content={
                isFiltered
                  ? t('suppressions.noMatch', 'No suppressed address matches these filters.')
                  : t(
                      'suppressions.empty',
                      'No suppressed address: every newsletter reaches all its recipients.'
                    )
              }
            />
          ) : null}
          {rows.length > 0 ? (
            <SuppressionsTable
              suppressions={rows}
              onRemove={permissions.canManage ? setToRemove : undefined}
            />
          ) : null}
          {pagination && pagination.total > 0 ? (
            <ListFooter
              summary={t(
                'suppressions.total',
                '{total, plural, one {# address} other {# addresses}}',
                { total: pagination.total }
              )}
              testId="suppressions-total"
              pagination={pagination}
              defaultPageSize={DEFAULT_PAGE_SIZE}
            />
          ) : null}
        </Flex>
      </Layouts.Content>
      <AddSuppressionModal
        open={isAdding}
        onClose={() => setIsAdding(false)}
        onAdded={(suppression) => {
          setIsAdding(false);
          toggleNotification({
            type: 'success',
            message: t('suppressions.added', '{address} gets no more newsletters', {
              address: suppression.address,
            }),
          });
          void list.load();
        }}
      />
      <ImportSuppressionsModal
        open={isImporting}
        onClose={() => setIsImporting(false)}
        onImported={() => void list.load()}
      />
      <ConfirmDialog
        open={toRemove !== null}
        title={t('suppressions.removeDialog.title', 'Remove {address} from the list?', {
          address: toRemove?.address ?? '',
        })}
        confirmLabel={t('suppressions.removeDialog.confirm', 'Remove')}
        isBusy={isRemoving}
        onCancel={() => setToRemove(null)}
        onConfirm={() => void remove()}
      >
        {t(
          'suppressions.removeDialog.body',
          'Newsletter mail is sent to this address again. Remove an unsubscribe only when the person asked for it.'
        )}
      </ConfirmDialog>
    </Page.Main>
  );
};

export { SuppressionsPage };
