import type { Core } from '@strapi/strapi';
import type { GetSettings, UpdateSettings } from '../../../shared/contracts/settings';
import { runtimeOf } from '../runtime';

type Ctx = Parameters<Core.MiddlewareHandler>[0];

const settings = () => runtimeOf(strapi).settings;

export default {
  async get(ctx: Ctx) {
    ctx.body = { data: await settings().get() } satisfies GetSettings.Response;
  },
  async update(ctx: Ctx) {
    const data = (ctx.request.body as { data?: unknown } | undefined)?.data ?? {};
    ctx.body = { data: await settings().update(data) } satisfies UpdateSettings.Response;
  },
};
