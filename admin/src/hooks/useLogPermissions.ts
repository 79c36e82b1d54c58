import { PERMISSIONS } from '../../../shared/constants';
import { usePluginPermissions } from './usePluginPermissions';

const LOG_PERMISSIONS = {
  read: [{ action: PERMISSIONS.logRead, subject: null }],
  resend: [{ action: PERMISSIONS.logResend, subject: null }],
};

/** Whether the signed-in role may read the send log and resend a failed mail; the server enforces the same actions. */
export const useLogPermissions = () => {
  const { allowedActions, isLoading } = usePluginPermissions(LOG_PERMISSIONS);
  return {
    isLoading,
    canRead: Boolean(allowedActions.canRead),
    canResend: Boolean(allowedActions.canResend),
  };
};
