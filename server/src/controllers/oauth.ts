import type { Core } from '@strapi/strapi';
import { yup } from '@strapi/utils';
import type { CompleteOAuth, StartOAuth } from '../../../shared/contracts/accounts';
import { getService } from '../get-service';
import { createValidator } from '../validation/validate';

type Ctx = Parameters<Core.MiddlewareHandler>[0];

const validateStart = createValidator(
  yup.object({ redirectUri: yup.string().required('redirectUri is required').max(2000) }).noUnknown(true, 'unknown field(s): ${unknown}').strict(true)
);
const validateComplete = createValidator(
  yup
    .object({ state: yup.string().required('state is required').max(200), code: yup.string().required('code is required').max(4000) })
    .noUnknown(true, 'unknown field(s): ${unknown}')
    .strict(true)
);
const adminId = (ctx: Ctx) => Number((ctx.state.user as { id: number }).id);

export default {
  async start(ctx: Ctx) {
    const { redirectUri } = (await validateStart(ctx.request.body ?? {})) as StartOAuth.Request['body'];
    const data = await getService(strapi, 'oauth').startConnect(Number(ctx.params.id), adminId(ctx), redirectUri);
    ctx.body = { data } satisfies StartOAuth.Response;
  },
  async complete(ctx: Ctx) {
    const { state, code } = (await validateComplete(ctx.request.body ?? {})) as CompleteOAuth.Request['body'];
    ctx.body = { data: await getService(strapi, 'oauth').completeConnect(state, code, adminId(ctx)) } satisfies CompleteOAuth.Response;
  },
};
