import type { Core } from '@strapi/strapi';
import type { ListSendLog, ResendLogged } from '../../../shared/contracts/send-log';
import { runtimeOf } from '../runtime';
import { validateLogQuery } from '../validation/log-query';

type Ctx = Parameters<Core.MiddlewareHandler>[0];

export default {
  async find(ctx: Ctx) {
    const query = (await validateLogQuery(ctx.query ?? {})) as ListSendLog.Query;
    ctx.body = (await runtimeOf(strapi).sendLog.list(query)) satisfies ListSendLog.Response;
  },
  async resend(ctx: Ctx) {
    const result = await runtimeOf(strapi).mailer.resend(Number(ctx.params.id));
    ctx.body = { data: result } satisfies ResendLogged.Response;
  },
};
