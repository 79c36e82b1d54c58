import { Box, Button, EmptyStateLayout, Flex, Searchbar } from '@strapi/design-system';
import { BulletList, ManyWays, PaperPlane, Plus } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import type { SmtpAccount } from '../../../shared/contracts/accounts';
import type { AccountHealth } from '../../../shared/contracts/health';
import { AccountsTable } from '../components/AccountsTable';
import { DeleteAccountDialog } from '../components/DeleteAccountDialog';
import { DeliverabilityLinks } from '../components/DeliverabilityLinks';
import { ListFooter } from '../components/ListFooter';
import { PageLinkButton } from '../components/PageLinkButton';
import { TestMailModal } from '../components/TestMailModal';
import { useAccountPermissions } from '../hooks/useAccountPermissions';
import { useAdminApi } from '../hooks/useAdminApi';
import { useCampaignPermissions } from '../hooks/useCampaignPermissions';
import { useDomainPermissions } from '../hooks/useDomainPermissions';
import { useRefetchPendingChecks } from '../hooks/useRefetchPendingChecks';
import { useSuppressionPermissions } from '../hooks/useSuppressionPermissions';
import { useLogPermissions } from '../hooks/useLogPermissions';
import { useApiError } from '../hooks/useApiError';
import { ModuleOffBanner } from '../components/ModuleOffBanner';
import {
  filterAccounts,
  sortAccounts,
  type SortDirection,
  type SortKey,
} from '../utils/sortAccounts';
import { useTranslate } from '../hooks/useTranslate';
import { panelPaths } from '../utils/panelPaths';

const PAGE_SIZE = 10;

const AccountsPage = () => {
  const readApiError = useApiError();
  const t = useTranslate();
  const api = useAdminApi();
  const { toggleNotification } = useNotification();
  const navigate = useNavigate();
  const permissions = useAccountPermissions();
  const logPermissions = useLogPermissions();
  const campaignPermissions = useCampaignPermissions();
  const domainPermissions = useDomainPermissions();
  const suppressionPermissions = useSuppressionPermissions();

  const [accounts, setAccounts] = useState<SmtpAccount[] | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [sortKey, setSortKey] = useState<SortKey>('id');
  const [direction, setDirection] = useState<SortDirection>('ASC');
  const [togglingId, setTogglingId] = useState<number | null>(null);
  const [toDelete, setToDelete] = useState<SmtpAccount | null>(null);
  const [isDeleting, setIsDeleting] = useState(false);
  const [toTest, setToTest] = useState<SmtpAccount | null>(null);
  const [health, setHealth] = useState<Record<number, AccountHealth>>({});
  const [searchParams, setSearchParams] = useSearchParams();
  // in the address bar like the Content Manager's `_q`: a link (the playground's mail catcher) can open a search
  const query = searchParams.get('_q') ?? '';
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const pageSize = Math.max(1, Number(searchParams.get('pageSize')) || PAGE_SIZE);

  const load = useCallback(async () => {
    try {
      const { data } = await api.listAccounts();
      setAccounts(data);
    } catch {
      setLoadError(true);
    }
    // the health column is extra: the list works without it
    api
      .getAccountsHealth()
      .then(({ data }) => setHealth(Object.fromEntries(data.map((h) => [h.accountId, h]))))
      .catch(() => setHealth({}));
  }, [api]);

  useEffect(() => {
    if (permissions.canRead) load();
  }, [load, permissions.canRead]);
  useRefetchPendingChecks(accounts, load);

  const visible = useMemo(
    () => sortAccounts(filterAccounts(accounts ?? [], query), sortKey, direction),
    [accounts, query, sortKey, direction]
  );

  // the API answers every account (a handful per site): paging happens here, in the address bar like the log's
  const pageCount = Math.max(1, Math.ceil(visible.length / pageSize));
  const shown = visible.slice(
    (Math.min(page, pageCount) - 1) * pageSize,
    Math.min(page, pageCount) * pageSize
  );
  const search = (value: string) =>
    setSearchParams(
      (params) => {
        const next = new URLSearchParams(params);
        if (value) next.set('_q', value);
        else next.delete('_q');
        if (next.has('page')) next.set('page', '1');
        return next;
      },
      { replace: true }
    );

  const sortBy = (column: SortKey) => {
    if (column === sortKey) setDirection((d) => (d === 'ASC' ? 'DESC' : 'ASC'));
    else {
      setSortKey(column);
      setDirection('ASC');
    }
  };

  const toggleActive = async (account: SmtpAccount, active: boolean) => {
    setTogglingId(account.id);
    try {
      const { data } = await api.updateAccount({ id: account.id }, { data: { active } });
      setAccounts((list) => (list ?? []).map((a) => (a.id === account.id ? data : a)));
      toggleNotification({
        type: 'success',
        message: active
          ? t('accounts.activated', '{email} is active', { email: account.email })
          : t('accounts.deactivated', '{email} is inactive', { email: account.email }),
      });
    } catch (error) {
      toggleNotification({
        type: 'danger',
        message: readApiError(error, t('accounts.saveFailed', 'Could not save')).message,
      });
    } finally {
      setTogglingId(null);
    }
  };

  const remove = async (account: SmtpAccount) => {
    setIsDeleting(true);
    try {
      await api.deleteAccount({ id: account.id });
      setAccounts((list) => (list ?? []).filter((a) => a.id !== account.id));
      toggleNotification({
        type: 'success',
        message: t('accounts.deleted', '{email} deleted', { email: account.email }),
      });
      setToDelete(null);
    } catch (error) {
      toggleNotification({
        type: 'danger',
        message: readApiError(error, t('accounts.deleteFailed', 'Could not delete')).message,
      });
    } finally {
      setIsDeleting(false);
    }
  };

  const isLoadingPermissions =
    permissions.isLoading ||
    logPermissions.isLoading ||
    campaignPermissions.isLoading ||
    domainPermissions.isLoading ||
    suppressionPermissions.isLoading;
  if (isLoadingPermissions) return <Page.Loading />;
  // the menu link shows for accounts.read, campaigns.read, log.read, domains.read or suppressions.read:
  // a role without the first goes on to the first page it may read
  if (!permissions.canRead) {
    if (campaignPermissions.canRead) return <Navigate to={panelPaths.campaigns} replace />;
    if (logPermissions.canRead) return <Navigate to={panelPaths.log()} replace />;
    if (domainPermissions.canRead) return <Navigate to={panelPaths.deliverability()} replace />;
    if (suppressionPermissions.canRead) return <Navigate to={panelPaths.suppressions} replace />;
    return <Page.NoPermissions />;
  }
  if (loadError) return <Page.Error />;
  if (accounts === null) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{t('accounts.title', 'SMTP accounts')}</Page.Title>
      <Layouts.Header
        title={t('accounts.title', 'SMTP accounts')}
        subtitle={t('accounts.subtitle', 'The From of each mail picks the account that sends it.')}
        primaryAction={
          permissions.canCreate ? (
            <Button startIcon={<Plus />} onClick={() => navigate(panelPaths.newAccount)}>
              {t('accounts.create', 'Create account')}
            </Button>
          ) : undefined
        }
        secondaryAction={
          <Flex gap={2}>
            <PageLinkButton to={panelPaths.routing} icon={<ManyWays />}>
              {t('accounts.routingPreview', 'Routing preview')}
            </PageLinkButton>
            {campaignPermissions.canRead ? (
              <PageLinkButton to={panelPaths.campaigns} icon={<PaperPlane />}>
                {t('accounts.campaigns', 'Campaigns')}
              </PageLinkButton>
            ) : null}
            {logPermissions.canRead ? (
              <PageLinkButton to={panelPaths.log()} icon={<BulletList />}>
                {t('accounts.sendLog', 'Send log')}
              </PageLinkButton>
            ) : null}
            <DeliverabilityLinks />
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <ModuleOffBanner />
          <Box width="32rem" maxWidth="100%">
            <Searchbar
              name="search"
              value={query}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => search(e.target.value)}
              onClear={() => search('')}
              clearLabel={t('accounts.searchClear', 'Clear the search')}
              placeholder={t('accounts.searchPlaceholder', 'Search by name, address or host')}
            >
              {t('accounts.search', 'Search accounts')}
            </Searchbar>
          </Box>
          {accounts.length === 0 ? (
            <EmptyStateLayout
              icon={<EmptyDocuments width="16rem" />}
              content={t(
                'accounts.empty',
                'No SMTP account yet: every mail goes through the configured provider.'
              )}
              action={
                permissions.canCreate ? (
                  <Button
                    variant="secondary"
                    startIcon={<Plus />}
                    onClick={() => navigate(panelPaths.newAccount)}
                  >
                    {t('accounts.createFirst', 'Create the first account')}
                  </Button>
                ) : undefined
              }
            />
          ) : visible.length === 0 ? (
            <EmptyStateLayout
              icon={<EmptyDocuments width="16rem" />}
              content={t('accounts.noMatch', 'No account matches “{query}”.', { query })}
              action={
                <Button variant="secondary" onClick={() => search('')}>
                  {t('accounts.searchClear', 'Clear the search')}
                </Button>
              }
            />
          ) : (
            <>
              <AccountsTable
                accounts={shown}
                health={health}
                sortKey={sortKey}
                direction={direction}
                onSort={sortBy}
                togglingId={togglingId}
                onToggleActive={permissions.canUpdate ? toggleActive : undefined}
                onEdit={
                  permissions.canUpdate ? (a) => navigate(panelPaths.account(a.id)) : undefined
                }
                onTest={permissions.canUpdate ? setToTest : undefined}
                onDelete={permissions.canDelete ? setToDelete : undefined}
              />
              <ListFooter
                summary={
                  query
                    ? t(
                        'accounts.totalFiltered',
                        '{shown, plural, one {# account} other {# accounts}} of {total}',
                        { shown: visible.length, total: accounts.length }
                      )
                    : t('accounts.total', '{total, plural, one {# account} other {# accounts}}', {
                        total: accounts.length,
                      })
                }
                testId="accounts-total"
                pagination={{ pageCount, total: visible.length }}
                defaultPageSize={PAGE_SIZE}
                gap={4}
              />
            </>
          )}
        </Flex>
      </Layouts.Content>
      <DeleteAccountDialog
        account={toDelete}
        isDeleting={isDeleting}
        onCancel={() => setToDelete(null)}
        onConfirm={remove}
      />
      <TestMailModal account={toTest} onClose={() => setToTest(null)} />
    </Page.Main>
  );
};

export { AccountsPage };
