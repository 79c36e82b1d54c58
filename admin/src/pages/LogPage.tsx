import { Alert, EmptyStateLayout, Flex } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { SmtpAccount } from '../../../shared/contracts/accounts';
import type { SendLogEntry } from '../../../shared/contracts/send-log';
import { ListFooter } from '../components/ListFooter';
import { LogEntryModal } from '../components/LogEntryModal';
import { LogFilterBar } from '../components/LogFilterBar';
import { LogTable } from '../components/LogTable';
import { PageHeader } from '../components/PageHeader';
import { RefreshButton } from '../components/RefreshButton';
import { SmtpErrorAlert } from '../components/SmtpErrorAlert';
import { useAdminApi } from '../hooks/useAdminApi';
import { useListLoader } from '../hooks/useListLoader';
import { useLogPermissions } from '../hooks/useLogPermissions';
import {
  DEFAULT_PAGE_SIZE,
  FILTER_KEYS,
  readLogFilters,
  readEntryParam,
  toLogQuery,
  withFilter,
  withoutEntry,
  type LogFilters,
} from '../utils/logFilters';
import { ModuleOffBanner } from '../components/ModuleOffBanner';
import { useRefresh } from '../hooks/useRefresh';
import { useTranslate } from '../hooks/useTranslate';

const REFRESH_MS = 5000;

/** The send log: every mail the module handled, filterable, with each attempt and a resend for failed mail. */
const LogPage = () => {
  const t = useTranslate();
  const api = useAdminApi();
  const permissions = useLogPermissions();
  const [searchParams, setSearchParams] = useSearchParams();
  // useSearchParams keeps one object per query string: a new one means other filters, and a reload
  const logQuery = useMemo(() => toLogQuery(searchParams), [searchParams]);
  /** `?entry=<id>`: open this entry's details once the list shows it (the way to a resend's new entry). */
  const focusId = readEntryParam(searchParams);

  const [accounts, setAccounts] = useState<SmtpAccount[]>([]);
  const [openId, setOpenId] = useState<number | null>(null);

  /** The list, and the query it answers (a new query keeps the old list on screen until it loads). */
  const fetchLog = useCallback(
    async () => ({ query: logQuery, response: await api.listSendLog(logQuery) }),
    [api, logQuery]
  );
  const {
    data: loaded,
    isLoading,
    error,
    clearError,
    load,
  } = useListLoader(
    fetchLog,
    t('log.loadFailed', 'The send log could not be loaded'),
    permissions.canRead
  );

  // refresh while open; paused while a mail's details are shown (the entry would change under the reader)
  useRefresh(() => void load(true), permissions.canRead && openId === null, REFRESH_MS);

  useEffect(() => {
    if (!permissions.canRead) return;
    // the account filter is a convenience: a role without accounts.read still sees the log
    api
      .listAccounts()
      .then(({ data }) => setAccounts(data))
      .catch(() => setAccounts([]));
  }, [api, permissions.canRead]);

  const isCurrent = loaded !== null && loaded.query === logQuery;
  const focusListed = isCurrent && loaded.response.data.some((entry) => entry.id === focusId);
  useEffect(() => {
    if (focusId !== null && focusListed) setOpenId(focusId);
  }, [focusId, focusListed]);

  const changeFilter = useCallback(
    (key: keyof LogFilters, value: string) =>
      setSearchParams((params) => withoutEntry(withFilter(params, key, value))),
    [setSearchParams]
  );
  const resetFilters = useCallback(
    () =>
      setSearchParams((params) => {
        const next = withoutEntry(params);
        FILTER_KEYS.forEach((key) => next.delete(key));
        next.set('page', '1');
        return next;
      }),
    [setSearchParams]
  );
  const closeEntry = useCallback(() => {
    setOpenId(null);
    setSearchParams((params) => (params.has('entry') ? withoutEntry(params) : params));
  }, [setSearchParams]);

  if (permissions.isLoading) return <Page.Loading />;
  if (!permissions.canRead) return <Page.NoPermissions />;

  const title = t('log.title', 'Send log');
  const result = loaded?.response ?? null;
  const entries = result?.data ?? [];
  const pagination = result?.meta.pagination;
  const openEntry: SendLogEntry | null = entries.find((entry) => entry.id === openId) ?? null;
  const isListed = (id: number) => entries.some((entry) => entry.id === id);
  /** A listed entry opens in place; a hidden one is looked for on the first page, without filters. */
  const showEntry = (id: number) => {
    if (isListed(id)) return setOpenId(id);
    setOpenId(null);
    setSearchParams(new URLSearchParams({ entry: String(id) }));
  };

  return (
    <Page.Main>
      <PageHeader
        title={title}
        subtitle={t('log.subtitle', 'Every mail the module handled, newest first')}
        primaryAction={
          <RefreshButton onClick={() => void load()} isLoading={isLoading}>
            {t('log.refresh', 'Refresh')}
          </RefreshButton>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <ModuleOffBanner />
          <LogFilterBar
            filters={readLogFilters(searchParams)}
            accounts={accounts}
            onChange={changeFilter}
            onReset={resetFilters}
          />
          {error ? (
            <SmtpErrorAlert
              error={error}
              title={t('log.loadFailed', 'The send log could not be loaded')}
              onClose={clearError}
            />
          ) : null}
          {focusId !== null && isCurrent && !focusListed ? (
            <Alert
              variant="warning"
              closeLabel={t('log.modal.close', 'Close')}
              title={t('log.entryMissing.title', 'Mail #{id} is not in this list', { id: focusId })}
              onClose={closeEntry}
              data-testid="log-entry-missing"
            >
              {t(
                'log.entryMissing.content',
                'It may be on another page, or it was deleted (entries older than the retention period are removed).'
              )}
            </Alert>
          ) : null}
          {result === null && !error ? <Page.Loading /> : null}
          {result !== null && entries.length === 0 ? (
            <EmptyStateLayout content={t('log.empty', 'No mail matches these filters yet.')} />
          ) : null}
          {entries.length > 0 ? (
            <LogTable entries={entries} onOpen={(entry) => setOpenId(entry.id)} />
          ) : null}
          {pagination ? (
            <ListFooter
              summary={t('log.total', '{total, plural, one {# mail} other {# mails}}', {
                total: pagination.total,
              })}
              testId="log-total"
              pagination={pagination}
              defaultPageSize={DEFAULT_PAGE_SIZE}
            />
          ) : null}
        </Flex>
      </Layouts.Content>
      <LogEntryModal
        entry={openEntry}
        canResend={permissions.canResend}
        onClose={closeEntry}
        onResent={() => load(true)}
        isListed={isListed}
        onShowEntry={showEntry}
      />
    </Page.Main>
  );
};

export { LogPage };
