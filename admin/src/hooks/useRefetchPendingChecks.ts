import { useEffect, useRef } from 'react';
import type { SmtpAccount } from '../../../shared/contracts/accounts';
import { isCheckPending } from '../utils/domainCheck';

/** The server's background domain check is usually done within a second or two of a save. */
const REFETCH_AFTER_MS = 2000;

/**
 * The accounts list right after a save: the saved account's domain check is still running on the server,
 * so the list is loaded once more a little later (once per visit: an account whose check never comes, or
 * whose health moved its updatedAt, does not keep it polling).
 */
export const useRefetchPendingChecks = (accounts: SmtpAccount[] | null, reload: () => void) => {
  const done = useRef(false);
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => {
    if (done.current || !accounts?.some(isCheckPending)) return undefined;
    done.current = true;
    const timer = window.setTimeout(() => latest.current(), REFETCH_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [accounts]);
};
