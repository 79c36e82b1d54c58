import type { Core } from '@strapi/strapi';
import { SMTP_ACCOUNT_UID } from '../../shared/constants';
import { guardAccountWrites } from './content-types/smtp-account/write-guard';
import { getService } from './get-service';
import { guardEmailSendRoutes } from './policies/guard-email-routes';

/**
 * Verification on save lives in a document-service middleware: it runs before `next()`, outside
 * the database transaction that lifecycles run in, for every caller of the document service
 * (our admin API, other plugins, app code). The guard answers the data to store (a normalised
 * copy), which replaces the caller's params rather than changing the caller's object.
 */
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // Strapi's admin route POST /email sends with any From: through our accounts it needs `accounts.send`
  guardEmailSendRoutes(strapi);

  // before the save guard: sealed passwords from another key refused, clones verified
  guardAccountWrites(strapi);

  strapi.documents.use(async (context, next) => {
    if (context.uid === SMTP_ACCOUNT_UID && (context.action === 'create' || context.action === 'update')) {
      const params = context.params as { documentId?: string; data?: Record<string, unknown> };
      const data = await getService(strapi, 'saveGuard').beforeSave(context.action, params);
      context.params = { ...params, data } as typeof context.params;
    }
    return next();
  });
};

export default register;
