import { useEffect, useState } from 'react';
import { useAdminApi } from './useAdminApi';

/** Whether the module routes mail (null until known, or when the role may not read it). */
export const useModuleState = () => {
  const api = useAdminApi();
  const [enabled, setEnabled] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    api
      .getModuleState()
      .then(({ data }) => live && setEnabled(data.enabled))
      .catch(() => live && setEnabled(null));
    return () => {
      live = false;
    };
  }, [api]);
  return enabled;
};
