import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import { createAdminApi } from '../services/api';

/**
 * The plugin's admin endpoints (services/api.ts) on the admin's fetch client: the admin's token, and
 * requests cancelled when the component unmounts. Stable across renders, like `useFetchClient()`.
 */
export const useAdminApi = () => {
  const client = useFetchClient();
  return useMemo(() => createAdminApi(client), [client]);
};
