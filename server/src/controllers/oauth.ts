import type { Core } from '@strapi/strapi';
import { yup } from '@strapi/utils';
import type { CompleteOAuth, StartOAuth } from '../../../shared/contracts/accounts';
import { runtimeOf } from '../runtime';
import { createValidator } from '../validation/validate';

type Ctx = Parameters<Core.MiddlewareHandler>[0];

const validateStart = createValidator(
  yup
    .object({ redirectUri: yup.string().required('redirectUri is required').max(2000) })
    .noUnknown(true, 'unknown field(s): ${unknown}')
    .strict(true)
);
const validateComplete = createValidator(
  yup
    .object({
      state: yup.string().required('state is required').max(200),
      code: yup.string().required('code is required').max(4000),
    })
    .noUnknown(true, 'unknown field(s): ${unknown}')
    .strict(true)
);
const adminId = (ctx: Ctx) => Number((ctx.state.user as { id: number }).id);

export default {
  async start(ctx: Ctx) {
    const { redirectUri } = (await validateStart(
      ctx.request.body ?? {}
    )) as StartOAuth.Request['body'];
    const data = await runtimeOf(strapi).accounts.oauth.start(
      Number(ctx.params.id),
      adminId(ctx),
      redirectUri,
      ctx.request.origin || null
    );
    ctx.body = { data } satisfies StartOAuth.Response;
  },
  async complete(ctx: Ctx) {
    const { state, code } = (await validateComplete(
      ctx.request.body ?? {}
    )) as CompleteOAuth.Request['body'];
    const { accounts } = runtimeOf(strapi);
    ctx.body = {
      data: accounts.admin.toPublic(await accounts.oauth.complete(state, code, adminId(ctx))),
    } satisfies CompleteOAuth.Response;
  },
};
