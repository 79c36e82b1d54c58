import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type {
  CheckAccountDomain,
  CreateDomain,
  CreateSuppression,
  DeleteDomain,
  DeleteSuppression,
  ImportSuppressions,
  ListDomains,
  ListSuppressions,
  SuppressionReason,
  UpdateDomain,
} from '../../../shared/contracts/deliverability';
import { runtimeOf } from '../runtime';

type Ctx = Parameters<Core.MiddlewareHandler>[0];
const id = (ctx: Ctx) => Number(ctx.params.id);
const body = (ctx: Ctx) => (ctx.request.body ?? {}) as Record<string, unknown>;
const data = (ctx: Ctx) => {
  const value = body(ctx).data;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new errors.ValidationError('the body must be { data: { … } }', {
      code: 'INVALID_TYPE',
      field: 'data',
    });
  return value as Record<string, unknown>;
};
const who = (ctx: Ctx) => {
  const user = ctx.state.user as { id?: number } | undefined;
  // the admin's id only: every role that reads the list (and its CSV) sees the detail
  return user ? `added by admin #${user.id}` : 'added by an admin';
};

/** Sending domains (DKIM keys), the domain check of an account, and the suppression list. */
export default {
  async listDomains(ctx: Ctx) {
    ctx.body = {
      data: await runtimeOf(strapi).deliverability.domains.list(),
    } satisfies ListDomains.Response;
  },
  async createDomain(ctx: Ctx) {
    ctx.status = 201;
    ctx.body = {
      data: await runtimeOf(strapi).deliverability.domains.create(data(ctx)),
    } satisfies CreateDomain.Response;
  },
  async updateDomain(ctx: Ctx) {
    ctx.body = {
      data: await runtimeOf(strapi).deliverability.domains.update(id(ctx), data(ctx)),
    } satisfies UpdateDomain.Response;
  },
  async deleteDomain(ctx: Ctx) {
    ctx.body = {
      data: await runtimeOf(strapi).deliverability.domains.remove(id(ctx)),
    } satisfies DeleteDomain.Response;
  },
  async checkAccountDomain(ctx: Ctx) {
    ctx.body = {
      data: await runtimeOf(strapi).checkAccountDomain(id(ctx)),
    } satisfies CheckAccountDomain.Response;
  },

  async listSuppressions(ctx: Ctx) {
    ctx.body = (await runtimeOf(strapi).deliverability.suppressions.list(
      (ctx.query ?? {}) as ListSuppressions.Query
    )) satisfies ListSuppressions.Response;
  },
  async createSuppression(ctx: Ctx) {
    const input = data(ctx);
    const { suppression, added } = await runtimeOf(strapi).deliverability.suppressions.add({
      address: String(input.address ?? ''),
      scope: input.scope === undefined ? undefined : String(input.scope),
      reason: (input.reason ?? 'manual') as SuppressionReason,
      detail: who(ctx),
    });
    // 201 for a new suppression; 200 with the one already there (an address is kept once per scope)
    ctx.status = added ? 201 : 200;
    ctx.body = { data: suppression } satisfies CreateSuppression.Response;
  },
  async deleteSuppression(ctx: Ctx) {
    ctx.body = {
      data: await runtimeOf(strapi).deliverability.suppressions.remove(id(ctx)),
    } satisfies DeleteSuppression.Response;
  },
  async importSuppressions(ctx: Ctx) {
    const csv = body(ctx).csv;
    if (typeof csv !== 'string')
      throw new errors.ValidationError('the body must be { csv: "address,scope,reason\\n…" }', {
        code: 'REQUIRED',
        field: 'csv',
      });
    if (csv.length > 10 * 1024 * 1024)
      throw new errors.ValidationError('csv must be at most 10 MB', {
        code: 'TOO_LONG',
        field: 'csv',
      });
    ctx.body = {
      data: await runtimeOf(strapi).deliverability.suppressions.importCsv(csv),
    } satisfies ImportSuppressions.Response;
  },
  async exportSuppressions(ctx: Ctx) {
    ctx.set('content-disposition', 'attachment; filename="suppressions.csv"');
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = await runtimeOf(strapi).deliverability.suppressions.exportCsv();
  },
};
