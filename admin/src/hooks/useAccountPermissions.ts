import { PERMISSIONS } from '../../../shared/constants';
import { usePluginPermissions } from './usePluginPermissions';

const ACCOUNT_PERMISSIONS = {
  read: [{ action: PERMISSIONS.accountsRead, subject: null }],
  create: [{ action: PERMISSIONS.accountsCreate, subject: null }],
  update: [{ action: PERMISSIONS.accountsUpdate, subject: null }],
  delete: [{ action: PERMISSIONS.accountsDelete, subject: null }],
};

/** What the signed-in role may do with SMTP accounts; the server enforces the same actions. */
export const useAccountPermissions = () => {
  const { allowedActions, isLoading } = usePluginPermissions(ACCOUNT_PERMISSIONS);
  return {
    isLoading,
    canRead: Boolean(allowedActions.canRead),
    canCreate: Boolean(allowedActions.canCreate),
    canUpdate: Boolean(allowedActions.canUpdate),
    canDelete: Boolean(allowedActions.canDelete),
  };
};
