import { useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import type { SendingDomain, UpdateDomain } from '../../../shared/contracts/deliverability';
import { useAdminApi } from './useAdminApi';
import { useApiError } from './useApiError';
import { useTranslate } from './useTranslate';

type Change = UpdateDomain.Request['body']['data'];

/**
 * The sending domains of the Deliverability page: the list, and each change (signing on or off, a new
 * selector, a new key, removal) with its notification. A change answers the domain as it now is (with the
 * new record to publish), or null when it failed (said in a notification; a domain removed meanwhile
 * reloads the list).
 */
export const useSendingDomains = (enabled: boolean) => {
  const api = useAdminApi();
  const readApiError = useApiError();
  const t = useTranslate();
  const { toggleNotification } = useNotification();
  const [domains, setDomains] = useState<SendingDomain[] | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [busyId, setBusyId] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      setDomains((await api.listDomains()).data);
      setLoadError(false);
    } catch {
      setLoadError(true);
    }
  }, [api]);

  useEffect(() => {
    if (enabled) void load();
  }, [enabled, load]);

  const failed = useCallback(
    (caught: unknown) => {
      const info = readApiError(
        caught,
        t('domains.changeFailed', 'The domain could not be changed')
      );
      toggleNotification({ type: 'danger', message: info.message });
      if (info.status === 404) void load();
    },
    [readApiError, t, toggleNotification, load]
  );

  const update = useCallback(
    async (domain: SendingDomain, change: Change): Promise<SendingDomain | null> => {
      setBusyId(domain.id);
      try {
        const { data } = await api.updateDomain({ id: domain.id }, { data: change });
        setDomains((list) => (list ?? []).map((d) => (d.id === data.id ? data : d)));
        if (change.active !== undefined)
          toggleNotification({
            type: 'success',
            message: change.active
              ? t('domains.signingOn', 'Mail From {domain} is signed', { domain: domain.domain })
              : t('domains.signingOff', 'Mail From {domain} is no longer signed', {
                  domain: domain.domain,
                }),
          });
        return data;
      } catch (caught) {
        failed(caught);
        return null;
      } finally {
        setBusyId(null);
      }
    },
    [api, failed, t, toggleNotification]
  );

  const remove = useCallback(
    async (domain: SendingDomain) => {
      setBusyId(domain.id);
      try {
        await api.deleteDomain({ id: domain.id });
        setDomains((list) => (list ?? []).filter((d) => d.id !== domain.id));
        toggleNotification({
          type: 'success',
          message: t('domains.deleted', 'The DKIM key of {domain} is deleted', {
            domain: domain.domain,
          }),
        });
        return true;
      } catch (caught) {
        failed(caught);
        return false;
      } finally {
        setBusyId(null);
      }
    },
    [api, failed, t, toggleNotification]
  );

  const added = useCallback(
    (domain: SendingDomain) =>
      setDomains((list) =>
        [...(list ?? []), domain].sort((a, b) => a.domain.localeCompare(b.domain))
      ),
    []
  );

  const replaced = useCallback(
    (domain: SendingDomain) =>
      setDomains((list) => (list ?? []).map((d) => (d.id === domain.id ? domain : d))),
    []
  );

  return { domains, loadError, busyId, update, remove, added, replaced };
};
