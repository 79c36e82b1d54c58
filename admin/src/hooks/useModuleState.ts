import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { PLUGIN_ID } from '../../../shared/constants';
import type { GetModuleState } from '../../../shared/contracts/module-state';

/** Whether the module routes mail (null until known, or when the role may not read it). */
export const useModuleState = () => {
  const { get } = useFetchClient();
  const [enabled, setEnabled] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    get<GetModuleState.Response>(`/${PLUGIN_ID}/module`)
      .then(({ data }) => live && setEnabled(data.data.enabled))
      .catch(() => live && setEnabled(null));
    return () => {
      live = false;
    };
  }, [get]);
  return enabled;
};
