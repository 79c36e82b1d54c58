import { PERMISSIONS } from '../../../shared/constants';
import { usePluginPermissions } from './usePluginPermissions';

const CAMPAIGN_PERMISSIONS = {
  read: [{ action: PERMISSIONS.campaignsRead, subject: null }],
  manage: [{ action: PERMISSIONS.campaignsManage, subject: null }],
};

/** Whether the signed-in role may see campaign batches and pause, resume or cancel them; the server enforces the same actions. */
export const useCampaignPermissions = () => {
  const { allowedActions, isLoading } = usePluginPermissions(CAMPAIGN_PERMISSIONS);
  return {
    isLoading,
    canRead: Boolean(allowedActions.canRead),
    canManage: Boolean(allowedActions.canManage),
  };
};
