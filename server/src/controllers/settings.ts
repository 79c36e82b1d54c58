import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../shared/constants';
import type { GetSettings, UpdateSettings } from '../../../shared/contracts/settings';

type Ctx = Parameters<Core.MiddlewareHandler>[0];

const settings = () => strapi.plugin(PLUGIN_ID).service('settings');

export default {
  async get(ctx: Ctx) {
    ctx.body = { data: await settings().get() } satisfies GetSettings.Response;
  },
  async update(ctx: Ctx) {
    const data = (ctx.request.body as { data?: unknown } | undefined)?.data ?? {};
    ctx.body = { data: await settings().update(data) } satisfies UpdateSettings.Response;
  },
};
