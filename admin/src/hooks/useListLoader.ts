import { useCallback, useEffect, useState } from 'react';
import type { ApiErrorInfo } from '../utils/apiError';
import { useApiError } from './useApiError';

/**
 * A list page's data: loaded while `enabled` each time `fetch` changes (a new query), again by `load()`
 * (Refresh: `isLoading` meanwhile) or `load(true)` (a timed refresh, quiet). A failure keeps the data
 * shown and sets `error`, read with `failMessage` where the server says nothing better.
 */
export const useListLoader = <T>(
  fetch: () => Promise<T>,
  failMessage: string,
  enabled: boolean
) => {
  const readApiError = useApiError();
  const [data, setData] = useState<T | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [error, setError] = useState<ApiErrorInfo | null>(null);

  const load = useCallback(
    async (silent = false) => {
      if (!silent) setIsLoading(true);
      try {
        setData(await fetch());
        setError(null);
      } catch (caught) {
        setError(readApiError(caught, failMessage));
      } finally {
        setIsLoading(false);
      }
    },
    // the message only translates the error: `fetch` (the query it closes over) decides a reload
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fetch]
  );

  useEffect(() => {
    if (enabled) void load();
  }, [load, enabled]);

  const clearError = useCallback(() => setError(null), []);
  return { data, isLoading, error, clearError, load };
};
