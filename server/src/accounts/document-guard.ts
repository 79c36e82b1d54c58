import type { Modules } from '@strapi/types';
import { refuseSealedSecrets, type SaveGuard } from './save-guard';
import { SMTP_ACCOUNT_UID } from './store';

type Middleware = Modules.Documents.Middleware.Middleware;

/**
 * Every document-service write of an account, whoever makes it (our admin API, other plugins, app code):
 * - create, update and clone refuse a secret that looks sealed (`SEALED_VALUE_REFUSED`): secrets are typed;
 * - create and update are verified on save (see save-guard), outside the database transaction;
 * - a clone copies the source row with the given changes (its sealed secrets are kept, see the store's
 *   lifecycles): the copy must work, so it is verified as an update of the source would be — nothing is
 *   written to the source.
 */
export const createDocumentGuard =
  (saveGuard: SaveGuard): Middleware =>
  async (context, next) => {
    if (context.uid !== SMTP_ACCOUNT_UID || !['create', 'update', 'clone'].includes(context.action))
      return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };
    refuseSealedSecrets(params.data);
    const action = context.action === 'create' ? 'create' : 'update';
    const data = await saveGuard.beforeSave(action, params);
    context.params = { ...params, data } as typeof context.params;
    return next();
  };
