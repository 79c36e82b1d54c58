import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, SMTP_ACCOUNT_UID } from '../../../../shared/constants';
import { isSealed } from '../../crypto/secret-box';
import { sealedWithOtherKey } from '../../services/secrets';

/**
 * A document-service middleware for account writes, before the save guard's SMTP verification:
 * - a password sealed with another key is refused at once (the lifecycles would refuse it too, but
 *   only after a pointless verification with the ciphertext as the password);
 * - a clone copies the source row with the given changes (its sealed password is kept, see the
 *   lifecycles): the copy must work, so it is verified as an update of the source would be —
 *   nothing is written to the source.
 */
export const guardAccountWrites = (strapi: Core.Strapi) => {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== SMTP_ACCOUNT_UID || !['create', 'update', 'clone'].includes(context.action)) return next();
    const { documentId, data } = context.params as { documentId?: string; data?: Record<string, unknown> };
    if (isSealed(data?.password) && !strapi.plugin(PLUGIN_ID).service('secrets').canOpen(data.password)) throw sealedWithOtherKey();
    if (context.action === 'clone') {
      // the same rules as an update of the source (the password rule included); the copy gets the checked data
      const checked = await strapi.plugin(PLUGIN_ID).service('saveGuard').beforeSave('update', { documentId, data: data ?? {} });
      context.params = { ...context.params, data: checked } as typeof context.params;
    }
    return next();
  });
};
