import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PERMISSIONS } from '../../../shared/constants';
import { runtimeOf } from '../runtime';

export interface AdminPolicyContext {
  state: { userAbility?: { can(action: string, subject?: unknown): boolean } };
}

/**
 * Strapi's admin route `POST /email` sends any message with any From for any logged-in admin; with
 * the module on, any From means any SMTP account. While the module is on, that route (and
 * Settings → Email's test mail) needs the action `accounts.send`; while it is off the stock
 * provider sends and Strapi's own rules stand. Super admins hold every action.
 */
const canSendThroughAccounts = async (
  ctx: AdminPolicyContext,
  _config: unknown,
  { strapi }: { strapi: Core.Strapi }
) => {
  const { index, settings } = runtimeOf(strapi);
  // another process may have switched the module: read the settings as fresh as a send would
  await index.syncIfDue();
  const { enabled } = await settings.get();
  if (!enabled) return true;
  if (ctx.state.userAbility?.can(PERMISSIONS.accountsSend)) return true;
  throw new errors.PolicyError(
    'Sending mail through the SMTP accounts needs the permission "Send mail through SMTP accounts".',
    {
      code: 'SEND_PERMISSION_REQUIRED',
      params: { action: PERMISSIONS.accountsSend },
    }
  );
};

export default canSendThroughAccounts;
