import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type {
  ChangeBatch,
  GetBatch,
  GetBatchTimeline,
  ListBatches,
} from '../../../shared/contracts/campaigns';
import { runtimeOf } from '../runtime';
import { parseBatchId, validateCampaignQuery } from '../validation/campaign-query';

type Ctx = Parameters<Core.MiddlewareHandler>[0];

const batchId = (ctx: Ctx) => {
  const id = parseBatchId(ctx.params.id);
  if (id === null)
    throw new errors.NotFoundError(
      `campaign batch ${String(ctx.params.id).slice(0, 20)} not found`,
      { code: 'NOT_FOUND' }
    );
  return id;
};

const change = (action: ChangeBatch.Action) => async (ctx: Ctx) => {
  ctx.body = {
    data: await runtimeOf(strapi).queue[action](batchId(ctx)),
  } satisfies ChangeBatch.Response;
};

export default {
  async find(ctx: Ctx) {
    const query = (await validateCampaignQuery(ctx.query ?? {})) as ListBatches.Query;
    ctx.body = (await runtimeOf(strapi).queue.list(query)) satisfies ListBatches.Response;
  },
  async findOne(ctx: Ctx) {
    ctx.body = {
      data: await runtimeOf(strapi).queue.status(batchId(ctx)),
    } satisfies GetBatch.Response;
  },
  async timeline(ctx: Ctx) {
    ctx.body = {
      data: await runtimeOf(strapi).queue.timeline(batchId(ctx)),
    } satisfies GetBatchTimeline.Response;
  },
  pause: change('pause'),
  resume: change('resume'),
  cancel: change('cancel'),
};
