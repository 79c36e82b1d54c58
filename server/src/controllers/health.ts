import type { Core } from '@strapi/strapi';
import type { GetAccountsHealth } from '../../../shared/contracts/health';
import type { GetModuleState } from '../../../shared/contracts/module-state';
import type { GetSendStats } from '../../../shared/contracts/stats';
import { runtimeOf } from '../runtime';

type Ctx = Parameters<Core.MiddlewareHandler>[0];

/** Read-only views of how the module and its accounts are doing: the list's health column, the banner, the widget. */
export default {
  async accounts(ctx: Ctx) {
    ctx.body = (await runtimeOf(strapi).health.list()) satisfies GetAccountsHealth.Response;
  },
  async moduleState(ctx: Ctx) {
    const { enabled } = await runtimeOf(strapi).settings.get();
    ctx.body = { data: { enabled } } satisfies GetModuleState.Response;
  },
  async stats(ctx: Ctx) {
    const [{ enabled }, summary] = await Promise.all([
      runtimeOf(strapi).settings.get(),
      runtimeOf(strapi).health.summary(),
    ]);
    ctx.body = { data: { enabled, ...summary } } satisfies GetSendStats.Response;
  },
};
