import type { Core } from '@strapi/strapi';
import type { ResolveFrom } from '../../../shared/contracts/resolve';
import { runtimeOf } from '../runtime';
import { validateResolveInput } from '../validation/resolve';

type Ctx = Parameters<Core.MiddlewareHandler>[0];

export default {
  async resolve(ctx: Ctx) {
    const body = (await validateResolveInput(
      ctx.request.body ?? {}
    )) as ResolveFrom.Request['body'];
    const data = await runtimeOf(strapi).mailer.preview(body.from, body.newsletter === true);
    ctx.body = { data } satisfies ResolveFrom.Response;
  },
};
