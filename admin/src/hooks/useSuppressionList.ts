import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  SUPPRESSION_REASONS,
  type ListSuppressions,
  type SuppressionReason,
} from '../../../shared/contracts/deliverability';
import { useAdminApi } from './useAdminApi';
import { useListLoader } from './useListLoader';
import { useTranslate } from './useTranslate';

export const DEFAULT_PAGE_SIZE = 25;

/** The list's query as the address bar holds it (`?q=&reason=&page=&pageSize=`), so a link or a reload keeps it. */
const readQuery = (params: URLSearchParams): ListSuppressions.Query => {
  const reason = params.get('reason') ?? '';
  return {
    q: params.get('q') ?? '',
    reason: SUPPRESSION_REASONS.includes(reason as SuppressionReason)
      ? (reason as SuppressionReason)
      : undefined,
    page: params.get('page') ?? '1',
    pageSize: params.get('pageSize') ?? String(DEFAULT_PAGE_SIZE),
  };
};

/** One page of the suppression list for the filters in the address bar, reloaded when they change. */
export const useSuppressionList = (enabled: boolean) => {
  const api = useAdminApi();
  const t = useTranslate();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useMemo(() => readQuery(searchParams), [searchParams]);
  const fetchList = useCallback(() => api.listSuppressions(query), [api, query]);
  const {
    data: result,
    error,
    clearError,
    load,
  } = useListLoader(
    fetchList,
    t('suppressions.loadFailed', 'The suppression list could not be loaded'),
    enabled
  );

  const setFilter = useCallback(
    (key: 'q' | 'reason', value: string) =>
      setSearchParams((params) => {
        const next = new URLSearchParams(params);
        if (value) next.set(key, value);
        else next.delete(key);
        next.set('page', '1');
        return next;
      }),
    [setSearchParams]
  );

  return { query, result, error, clearError, load, setFilter };
};
