import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  SUPPRESSION_REASONS,
  type ListSuppressions,
  type SuppressionReason,
} from '../../../shared/contracts/deliverability';
import type { ApiErrorInfo } from '../utils/apiError';
import { useAdminApi } from './useAdminApi';
import { useApiError } from './useApiError';
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
  const readApiError = useApiError();
  const t = useTranslate();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useMemo(() => readQuery(searchParams), [searchParams]);
  const [result, setResult] = useState<ListSuppressions.Response | null>(null);
  const [error, setError] = useState<ApiErrorInfo | null>(null);

  const load = useCallback(async () => {
    try {
      setResult(await api.listSuppressions(query));
      setError(null);
    } catch (caught) {
      setError(
        readApiError(
          caught,
          t('suppressions.loadFailed', 'The suppression list could not be loaded')
        )
      );
    }
    // t and readApiError only translate the error: the query decides a reload
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, query]);

  useEffect(() => {
    if (enabled) void load();
  }, [enabled, load]);

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

  return { query, result, error, clearError: () => setError(null), load, setFilter };
};
