import { guardAccountWrites } from './content-types/smtp-account/write-guard';
import { guardEmailSendRoutes } from './policies/guard-email-routes';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, SMTP_ACCOUNT_UID } from '../../shared/constants';

/**
 * Verification on save lives in a document-service middleware: it runs before `next()`, outside
 * the database transaction that lifecycles run in, for every caller of the document service
 * (our admin API, other plugins, app code).
 */
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // Strapi's admin route POST /email sends with any From: through our accounts it needs `accounts.send`
  guardEmailSendRoutes(strapi);

  // before the save guard: sealed passwords from another key refused, clones verified
  guardAccountWrites(strapi);

  strapi.documents.use(async (context, next) => {
    if (context.uid === SMTP_ACCOUNT_UID && (context.action === 'create' || context.action === 'update')) {
      await strapi.plugin(PLUGIN_ID).service('saveGuard').beforeSave(context.action, context.params as never);
    }
    return next();
  });
};

export default register;
