import type { Core } from '@strapi/strapi';
import { runtimeOf } from '../runtime';

type Ctx = Parameters<Core.MiddlewareHandler>[0];

const answer = (ctx: Ctx, status: number, html: string) => {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('cache-control', 'no-store');
  ctx.set('x-robots-tag', 'noindex');
  ctx.body = html;
};

/**
 * The public one-click unsubscribe (content API, no login): a POST as RFC 8058 has mailbox providers send it
 * (`List-Unsubscribe=One-Click`, form-encoded, no cookies) suppresses the token's address at once; a GET only
 * shows a page with a button that posts the same form — link scanners follow GETs, and change nothing.
 */
export default {
  async page(ctx: Ctx) {
    const { unsubscribe } = runtimeOf(strapi).deliverability;
    const target = unsubscribe.read(String(ctx.params.token ?? ''));
    if (!target) return answer(ctx, 404, unsubscribe.invalidPage());
    answer(ctx, 200, unsubscribe.confirmPage(target.address));
  },

  async confirm(ctx: Ctx) {
    const { unsubscribe, suppressions } = runtimeOf(strapi).deliverability;
    const target = unsubscribe.read(String(ctx.params.token ?? ''));
    if (!target) return answer(ctx, 404, unsubscribe.invalidPage());
    const form = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (form['List-Unsubscribe'] !== 'One-Click')
      return answer(ctx, 400, unsubscribe.confirmPage(target.address));
    await suppressions.add({
      address: target.address,
      scope: target.scope,
      reason: 'unsubscribe',
      detail: 'one-click (RFC 8058)',
    });
    answer(ctx, 200, unsubscribe.donePage(target.address));
  },
};
