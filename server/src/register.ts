import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, SMTP_ACCOUNT_UID } from '../../shared/constants';

/**
 * Verification on save lives in a document-service middleware: it runs before `next()`, outside
 * the database transaction that lifecycles run in, for every caller of the document service
 * (our admin API, other plugins, app code).
 */
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(async (context, next) => {
    if (context.uid === SMTP_ACCOUNT_UID && (context.action === 'create' || context.action === 'update')) {
      await strapi.plugin(PLUGIN_ID).service('saveGuard').beforeSave(context.action, context.params as never);
    }
    return next();
  });
};

export default register;
