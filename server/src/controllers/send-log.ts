import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../shared/constants';
import type { ListSendLog, ResendLogged } from '../../../shared/contracts/send-log';
import { validateLogQuery } from '../validation/log-query';

type Ctx = Parameters<Core.MiddlewareHandler>[0];

export default {
  async find(ctx: Ctx) {
    const query = (await validateLogQuery(ctx.query ?? {})) as ListSendLog.Query;
    ctx.body = (await strapi.plugin(PLUGIN_ID).service('sendLog').list(query)) satisfies ListSendLog.Response;
  },
  async resend(ctx: Ctx) {
    const result = await strapi.plugin(PLUGIN_ID).service('mailer').resend(Number(ctx.params.id));
    ctx.body = { data: result } satisfies ResendLogged.Response;
  },
};
