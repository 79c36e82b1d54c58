import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../shared/constants';

/** Every content type of this plugin: accounts (secrets), the send log (kept bodies), batches and queued mail. */
const INTERNAL_PREFIX = `plugin::${PLUGIN_ID}.`;
const OWN_ROUTES = `/${PLUGIN_ID}/`;

const mentionsInternalType = (text: string) => {
  try {
    return decodeURIComponent(text).includes(INTERNAL_PREFIX);
  } catch {
    return (
      text.includes(INTERNAL_PREFIX) ||
      text.toLowerCase().includes(encodeURIComponent(INTERNAL_PREFIX).toLowerCase())
    );
  }
};

/**
 * `pluginOptions` only hide the plugin's types from the Content Manager's menus: its API still answers a
 * super admin, or any role the Roles API gives `read` on them, with sealed secrets, kept bodies and queued
 * mail. Here every request outside this plugin's own routes whose path or query names one of its types
 * (Content Manager, releases, history, preview …) is answered 404 before any of Strapi's routes sees it,
 * whatever the caller's role; GraphQL's generated API leaves them out too.
 */
export const hideInternalTypes = (strapi: Core.Strapi) => {
  strapi.server.use(async (ctx, next) => {
    if (
      !ctx.path.startsWith(OWN_ROUTES) &&
      (mentionsInternalType(ctx.path) || mentionsInternalType(ctx.querystring ?? ''))
    ) {
      ctx.status = 404;
      ctx.body = {
        data: null,
        error: {
          status: 404,
          name: 'NotFoundError',
          message: 'Not Found',
          details: { code: 'NOT_FOUND' },
        },
      };
      return;
    }
    await next();
  });
  const graphql = strapi.plugin('graphql') as unknown as
    { service(name: string): { shadowCRUD(uid: string): { disable(): void } } } | undefined;
  if (graphql) {
    for (const uid of Object.keys(strapi.plugin(PLUGIN_ID).contentTypes ?? {}))
      graphql.service('extension').shadowCRUD(`${INTERNAL_PREFIX}${uid}`).disable();
  }
};
