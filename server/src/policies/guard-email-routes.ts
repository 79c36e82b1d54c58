import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../shared/constants';

export const SEND_POLICY = `plugin::${PLUGIN_ID}.canSendThroughAccounts`;

/** The email plugin's admin handlers that send a message through the email provider (so through our accounts). */
const SENDING_HANDLERS = ['email.send', 'email.test'];

interface RouteLike {
  handler?: unknown;
  config?: { policies?: unknown[] };
}

/**
 * Adds our policy to the email plugin's admin routes that send mail. Runs in `register`: Strapi
 * mounts routes (and resolves their policies) later, in its bootstrap. The route objects are the
 * email plugin's module-level values, so this is idempotent for a second Strapi in the same process.
 * A missing route is logged, not thrown: a future email plugin may rename them, and the
 * permissions test fails loudly then.
 */
export const guardEmailSendRoutes = (strapi: Core.Strapi) => {
  const routers = (strapi.plugin('email')?.routes ?? {}) as Record<
    string,
    { type?: string; routes?: RouteLike[] }
  >;
  const adminRoutes = routers.admin?.routes ?? [];
  for (const handler of SENDING_HANDLERS) {
    const route = adminRoutes.find((r) => r.handler === handler);
    if (!route) {
      strapi.log.warn(
        `[${PLUGIN_ID}] the email plugin has no admin route "${handler}": it is not guarded by the permission "accounts.send"`
      );
      continue;
    }
    route.config ??= {};
    route.config.policies ??= [];
    if (!route.config.policies.includes(SEND_POLICY)) route.config.policies.push(SEND_POLICY);
  }
};
