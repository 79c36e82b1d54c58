import { PERMISSIONS } from '../../../shared/constants';
import { usePluginPermissions } from './usePluginPermissions';

const DOMAIN_PERMISSIONS = {
  read: [{ action: PERMISSIONS.domainsRead, subject: null }],
  manage: [{ action: PERMISSIONS.domainsManage, subject: null }],
};

/** Whether the signed-in role may see the sending domains and add, rotate or remove their DKIM keys; the server enforces the same actions. */
export const useDomainPermissions = () => {
  const { allowedActions, isLoading } = usePluginPermissions(DOMAIN_PERMISSIONS);
  return {
    isLoading,
    canRead: Boolean(allowedActions.canRead),
    canManage: Boolean(allowedActions.canManage),
  };
};
