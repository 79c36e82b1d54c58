import { isSealed } from './crypto/secret-box';
import { guardEmailSendRoutes } from './policies/guard-email-routes';
import { sealedWithOtherKey } from './services/secrets';
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

  // Before any SMTP contact: a password sealed with another key is refused (the lifecycles would
  // refuse it too, after a pointless verification with the ciphertext as password). A clone copies
  // the source row with the given changes (its sealed password is kept, see the lifecycles): the
  // copy must work, so it is verified as an update of the source would be — nothing is written to the source.
  strapi.documents.use(async (context, next) => {
    if (context.uid !== SMTP_ACCOUNT_UID || !['create', 'update', 'clone'].includes(context.action)) return next();
    const { documentId, data } = context.params as { documentId?: string; data?: Record<string, unknown> };
    const secrets = strapi.plugin(PLUGIN_ID).service('secrets');
    if (isSealed(data?.password) && !secrets.canOpen(data.password)) throw sealedWithOtherKey();
    if (context.action === 'clone') await strapi.plugin(PLUGIN_ID).service('saveGuard').beforeSave('update', { documentId, data: data ?? {} });
    return next();
  });

  strapi.documents.use(async (context, next) => {
    if (context.uid === SMTP_ACCOUNT_UID && (context.action === 'create' || context.action === 'update')) {
      await strapi.plugin(PLUGIN_ID).service('saveGuard').beforeSave(context.action, context.params as never);
    }
    return next();
  });
};

export default register;
