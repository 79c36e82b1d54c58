import { useCallback, useEffect, useState } from 'react';
import type { SmtpAccount } from '../../../shared/contracts/accounts';
import type { DomainCheck } from '../../../shared/contracts/deliverability';
import type { ApiErrorInfo } from '../utils/apiError';
import { isCheckPending } from '../utils/domainCheck';
import { useAdminApi } from './useAdminApi';
import { useApiError } from './useApiError';
import { useTranslate } from './useTranslate';

/** The server checks in the background after a save; its answer is usually there within a second or two. */
const REFETCH_AFTER_MS = 2000;

/**
 * An account's domain check: the stored one, a second look after a save (once, ~2 s later) while the
 * background check runs, and "Check now" (`POST /accounts/:id/domain-check`).
 */
export const useDomainCheck = (account: SmtpAccount) => {
  const api = useAdminApi();
  const readApiError = useApiError();
  const t = useTranslate();
  const [check, setCheck] = useState<DomainCheck | null>(account.domainCheck);
  const [isWaiting, setIsWaiting] = useState(isCheckPending(account));
  const [isChecking, setIsChecking] = useState(false);
  const [error, setError] = useState<ApiErrorInfo | null>(null);

  // a save on this page answers a new account (new updatedAt): start over from its check
  useEffect(() => {
    setCheck(account.domainCheck);
    const pending = isCheckPending(account);
    setIsWaiting(pending);
    if (!pending) return undefined;
    let live = true;
    const timer = window.setTimeout(() => {
      api
        .getAccount({ id: account.id })
        .then(({ data }) => live && data.domainCheck && setCheck(data.domainCheck))
        .catch(() => undefined)
        .finally(() => live && setIsWaiting(false));
    }, REFETCH_AFTER_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // the account's identity and version decide; its other fields do not change the check
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, account.id, account.updatedAt]);

  const checkNow = useCallback(async () => {
    setIsChecking(true);
    setError(null);
    try {
      const { data } = await api.checkAccountDomain({ id: account.id });
      setCheck(data);
      setIsWaiting(false);
    } catch (caught) {
      setError(readApiError(caught, t('domainCheck.failed', 'The domain could not be checked')));
    } finally {
      setIsChecking(false);
    }
  }, [api, account.id, readApiError, t]);

  return { check, isWaiting, isChecking, error, clearError: () => setError(null), checkNow };
};
