import type { Core } from '@strapi/strapi';
import { guardEmailSendRoutes } from './policies/guard-email-routes';
import { hideInternalTypes } from './policies/hide-internal-types';
import { runtimeOf } from './runtime';

type Context = { strapi: Core.Strapi };

/** Strapi's admin route POST /email sends with any From: through our accounts it needs `accounts.send`. */
const guardStrapiEmailRoutes = ({ strapi }: Context) => guardEmailSendRoutes(strapi);

/**
 * Every document-service write of an account (our admin API, other plugins, app code, clones): sealed
 * secrets refused, verified on save before `next()` — outside the database transaction lifecycles run in.
 */
const guardAccountWrites = ({ strapi }: Context) => {
  strapi.documents.use(
    runtimeOf(strapi).accounts.documentGuard as Parameters<typeof strapi.documents.use>[0]
  );
};

/** The plugin's tables hold secrets and queued mail: no Content Manager, GraphQL or other generic API serves them. */
const keepInternalTypesInternal = ({ strapi }: Context) => hideInternalTypes(strapi);

const register = (context: Context) => {
  guardStrapiEmailRoutes(context);
  guardAccountWrites(context);
  keepInternalTypesInternal(context);
};

export default register;
