import type { Core } from '@strapi/strapi';
import { yup } from '@strapi/utils';
import { createValidator } from '../validation/validate';
import { PLUGIN_ID } from '../../../shared/constants';
import type { ResolveFrom } from '../../../shared/contracts/resolve';

type Ctx = Parameters<Core.MiddlewareHandler>[0];

const validateResolveBody = createValidator(
  yup
    .object({
      from: yup.string().required('from is required').max(998, 'from must be at most 998 characters'),
      newsletter: yup.boolean(),
    })
    .noUnknown(true, 'unknown field(s): ${unknown}')
    .strict(true)
);

export default {
  async resolve(ctx: Ctx) {
    const body = (await validateResolveBody(ctx.request.body ?? {})) as ResolveFrom.Request['body'];
    const data = await strapi.plugin(PLUGIN_ID).service('mailer').preview(body.from, body.newsletter === true);
    ctx.body = { data } satisfies ResolveFrom.Response;
  },
};
