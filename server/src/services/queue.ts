import crypto from 'node:crypto';
import os from 'node:os';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ALL_NEWSLETTERS } from '../../../shared/contracts/deliverability';
import { LIMITS, PLUGIN_ID, WEBHOOK_EVENTS, type BatchState } from '../../../shared/constants';
import type {
  BatchDetail,
  BatchRejection,
  BatchTimeline,
  ListBatches,
} from '../../../shared/contracts/campaigns';
import { DEFAULT_RETRY_DELAYS_MS, type PluginConfig } from '../config';
import { createDatabaseEngine } from '../queue/database-engine';
import type { QueueEngine } from '../queue/engine';
import { isMessageSource, takeIn, type IntakeResult, type MessageSource } from '../queue/intake';
import { createSendOne } from '../queue/send-one';
import type { LogRows, NewLogEntry } from './send-log';
import { CONTROL_CHARS } from '../validation/control-chars';
import { createQueueStore, type StoredBatch } from '../queue/store';
import { reusedWhileMoving } from '../queue/reused-reads';
import type { MailerService } from './mailer';

export interface EnqueueOptions {
  /** Newsletter sends first look at the accounts flagged "search first for newsletters". */
  newsletter?: boolean;
  /** A name for the panel's Campaigns page. */
  campaign?: string;
  /**
   * The list its unsubscribe links name (default `*`: every newsletter). An unsubscribe then stops this
   * list's mail (and `*` suppressions stop every list's).
   */
  list?: string;
}

/** How long a stopping process waits for the messages it is still reading (the rest of a stopped intake is lost to the batch, which says so). */
const INTAKE_STOP_WAIT_MS = 5000;

/** The batch was cancelled while its messages were being read. */
class IntakeCancelled extends Error {}
/** How often a worker process looks for finished batches and stale intakes. */
const HOUSEKEEPING_MS = 2000;
/** How long a moving batch's counts are reused at least (see queue/reused-reads). */
const PROGRESS_TTL_MS = 1000;
/** How long a moving batch's timeline is reused at least (its slices are a second long at least). */
const TIMELINE_TTL_MS = 2000;
const iso = (value: string | Date | null) =>
  value == null
    ? null
    : value instanceof Date
      ? value.toISOString()
      : new Date(String(value)).toISOString();

const checkOptions = (options: unknown): Required<EnqueueOptions> => {
  if (options === undefined) return { newsletter: false, campaign: '', list: ALL_NEWSLETTERS };
  if (!options || typeof options !== 'object' || Array.isArray(options))
    throw new errors.ValidationError(
      'enqueue options must be an object ({ newsletter, campaign })',
      { code: 'INVALID_OPTIONS' }
    );
  const {
    newsletter = false,
    campaign = '',
    list = ALL_NEWSLETTERS,
    ...unknown
  } = options as Record<string, unknown>;
  const problems: string[] = [];
  if (Object.keys(unknown).length)
    problems.push(`unknown option(s): ${Object.keys(unknown).join(', ').slice(0, 200)}`);
  if (typeof newsletter !== 'boolean') problems.push('newsletter must be true or false');
  if (typeof list !== 'string' || !(list === ALL_NEWSLETTERS || /^[\w.:@-]{1,100}$/.test(list)))
    problems.push('list must be "*" or a list key (letters, digits, . _ : @ -, at most 100)');
  if (typeof campaign !== 'string') problems.push('campaign must be a string');
  else if (campaign.length > LIMITS.campaign)
    problems.push(`campaign must be at most ${LIMITS.campaign} characters`);
  else if (CONTROL_CHARS.test(campaign))
    problems.push('campaign must not contain line breaks or control characters');
  if (problems.length)
    throw new errors.ValidationError(`enqueue: ${problems.join('; ')}`, {
      code: 'INVALID_OPTIONS',
      problems,
    });
  return { newsletter: newsletter as boolean, campaign: campaign as string, list: list as string };
};

/**
 * The campaign queue: a campaign module hands over a mailing and forgets it.
 * `strapi.plugin('smtp-accounts').service('queue').enqueue(messages, { newsletter: true, campaign })`
 * answers a batch id as soon as the batch exists; the messages (an array or any iterable, read a page at a
 * time) are checked and stored, then sent by the engine within every account's limits, surviving restarts.
 */
export const createQueueService = ({
  strapi,
  sendQueued,
  readTimeline,
  logRows,
}: {
  strapi: Core.Strapi;
  sendQueued: MailerService['sendQueued'];
  /** A batch's sends over time, from the send log (which owns that table). */
  readTimeline: (batchId: number) => Promise<BatchTimeline>;
  /** Send-log rows for entries: a queued mail's entry is written with its outcome (the send log owns that table). */
  logRows: (entries: NewLogEntry[]) => LogRows;
}) => {
  const config = () => strapi.config.get<PluginConfig>(`plugin::${PLUGIN_ID}`).queue;
  const store = createQueueStore(strapi);
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  const intakes = new Map<number, Promise<IntakeResult>>();
  let engine: QueueEngine | null = null;
  /** What this process's engine did with the mails it took (for the bench and the two-process tests). */
  const handled = { finished: 0, released: 0 };
  let housekeeping: NodeJS.Timeout | null = null;

  const engineName = () => (config().redis ? 'redis' : 'database') as 'redis' | 'database';

  const createEngine = async (): Promise<QueueEngine> => {
    const { concurrency, pollMs, leaseMs, redis } = config();
    const sendOneHere = createSendOne(
      strapi,
      store,
      owner,
      config().retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      sendQueued,
      logRows
    );
    const sendOne: typeof sendOneHere = async (mail, onWireEnd) => {
      const result = await sendOneHere(mail, onWireEnd);
      handled[result.kind] += 1;
      return result;
    };
    if (redis) {
      const { createBullmqEngine } = await import('../queue/bullmq-engine');
      return createBullmqEngine(strapi, store, sendOne, {
        owner,
        concurrency,
        leaseMs,
        pollMs,
        redis,
        worker: config().worker,
      });
    }
    return createDatabaseEngine(strapi, store, sendOne, { owner, concurrency, pollMs, leaseMs });
  };

  const defaultFrom = () =>
    (strapi.config.get('plugin::email.settings') as { defaultFrom?: string } | undefined)
      ?.defaultFrom;

  /** Reads the caller's messages into the batch; the batch becomes `active` (or records why reading stopped). */
  const pump = async (batchId: number, source: MessageSource): Promise<IntakeResult> => {
    const checks = {
      defaultFrom: defaultFrom(),
      maxFromLength: strapi.config.get<PluginConfig>(`plugin::${PLUGIN_ID}`).maxFromLength,
    };
    let result: IntakeResult = { accepted: 0, rejected: 0, rejections: [] };
    let enqueueError: string | null = null;
    try {
      result = await takeIn(batchId, source, checks, async (page) => {
        // cancelled while it was read: the rest is not read (nor stored)
        if ((await store.findBatch(batchId))?.state === 'cancelled') throw new IntakeCancelled();
        await store.insertMails(batchId, page);
        await engine?.schedule(batchId);
      });
    } catch (error) {
      if (error instanceof IntakeCancelled)
        return { ...result, accepted: (await store.findBatch(batchId))?.total ?? 0 };
      enqueueError = `reading the messages failed: ${String((error as Error)?.message ?? error).slice(0, 500)}`;
      strapi.log.warn(`[${PLUGIN_ID}] batch ${batchId}: ${enqueueError} (what was read is sent)`);
    }
    await store.updateBatch(batchId, {
      rejected: result.rejected,
      rejections: result.rejections,
      enqueueError,
    });
    await store.moveBatch(batchId, ['enqueuing'], 'active');
    await engine?.schedule(batchId);
    return result;
  };

  const progressOf = reusedWhileMoving(PROGRESS_TTL_MS, (batchId) => store.progress(batchId));
  const timelineOf = reusedWhileMoving(TIMELINE_TTL_MS, readTimeline);

  const detail = async (batch: StoredBatch): Promise<BatchDetail> => {
    const moving = batch.state === 'active' || batch.state === 'enqueuing';
    const { counts, accounts, perMinute } = await progressOf(batch.id, moving);
    return {
      id: batch.id,
      campaign: batch.campaign ?? '',
      newsletter: Boolean(batch.newsletter),
      state: batch.state,
      engine: engineName(),
      counts: { ...counts, total: batch.total ?? 0, rejected: batch.rejected ?? 0 },
      perMinute,
      etaSeconds:
        moving && perMinute > 0
          ? Math.ceil(((counts.queued + counts.sending) / perMinute) * 60)
          : null,
      rejections: (typeof batch.rejections === 'string'
        ? JSON.parse(batch.rejections)
        : (batch.rejections ?? [])) as BatchRejection[],
      enqueueError: batch.enqueueError ?? null,
      createdAt: iso(batch.createdAt)!,
      finishedAt: iso(batch.finishedAt),
      accounts,
    };
  };

  const findBatch = async (id: number) => {
    const batch = await store.findBatch(id);
    if (!batch)
      throw new errors.NotFoundError(`campaign batch ${id} not found`, { code: 'NOT_FOUND' });
    return batch;
  };

  const finishedRefusal = (batch: StoredBatch, action: string) =>
    new errors.ValidationError(`Batch ${batch.id} is ${batch.state}: it cannot be ${action}.`, {
      code: 'BATCH_FINISHED',
    });

  const batchStatus = async (id: number) => detail(await findBatch(id));

  /** Active batches with nothing left are done; a batch whose intake stopped with its process is opened with what it has. */
  const tidy = async () => {
    const open = await store.openBatches();
    for (const [id, { state }] of open) {
      if (
        state === 'active' &&
        !(await store.hasWork(id)) &&
        (await store.moveBatch(id, ['active'], 'done', { finishedAt: new Date() }))
      ) {
        // one process wins the move, so the event is sent once
        const { campaign, counts } = await batchStatus(id);
        strapi.eventHub.emit(WEBHOOK_EVENTS.campaignDone, { batch: { id, campaign, counts } });
      }
      if (state === 'enqueuing' && !intakes.has(id)) {
        const batch = await store.findBatch(id);
        const updated = batch
          ? new Date(String((batch as unknown as { updatedAt: string | Date }).updatedAt)).getTime()
          : 0;
        if (Date.now() - updated > config().leaseMs) {
          await store.moveBatch(id, ['enqueuing'], 'active', {
            enqueueError: `the process reading the messages stopped after ${batch?.total ?? 0} of them: those are sent`,
          });
        }
      }
    }
  };

  return {
    /**
     * Queues a mailing. `messages`: an array or an (async) iterable of mail objects (as `strapi.plugin('email')
     * .service('email').send` takes them). Answers the batch id as soon as the batch exists; `whenEnqueued(id)`
     * resolves once every message was read. A message that fails the send checks is rejected alone.
     */
    async enqueue(messages: unknown, options?: EnqueueOptions): Promise<number> {
      if (!isMessageSource(messages)) {
        throw new errors.ValidationError(
          'enqueue: messages must be an array or an (async) iterable of mail objects',
          { code: 'NOT_ITERABLE' }
        );
      }
      const { newsletter, campaign, list } = checkOptions(options);
      const batchId = await store.createBatch({ campaign, newsletter, list });
      const reading = pump(batchId, messages).finally(() => intakes.delete(batchId));
      intakes.set(batchId, reading);
      reading.catch((error: Error) =>
        strapi.log.error(`[${PLUGIN_ID}] batch ${batchId}: ${error.message}`)
      );
      return batchId;
    },

    /**
     * Resolves when every message of a batch was read: how many were accepted and rejected (the first 20 with
     * their reasons). For a batch read here, the intake's own answer; for one read by another process, or
     * finished long ago, what the batch row holds once it is no longer `enqueuing`. null: no such batch.
     */
    async whenEnqueued(batchId: number): Promise<IntakeResult | null> {
      const here = intakes.get(batchId);
      if (here) return here;
      for (;;) {
        const batch = await store.findBatch(batchId);
        if (!batch) return null;
        if (batch.state !== 'enqueuing') {
          const rejections = (
            typeof batch.rejections === 'string'
              ? JSON.parse(batch.rejections)
              : (batch.rejections ?? [])
          ) as BatchRejection[];
          return { accepted: batch.total ?? 0, rejected: batch.rejected ?? 0, rejections };
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },

    async status(batchId: number): Promise<BatchDetail> {
      return detail(await findBatch(batchId));
    },

    /** A batch's sends over time, per account (`GET /campaigns/:id/timeline`); 404 for an unknown batch. */
    async timeline(batchId: number): Promise<BatchTimeline> {
      const batch = await findBatch(batchId);
      return timelineOf(batch.id, batch.state === 'active' || batch.state === 'enqueuing');
    },

    async list(query: ListBatches.Query): Promise<ListBatches.Response> {
      const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
      const pageSize = Math.min(
        100,
        Math.max(1, Number.parseInt(query.pageSize ?? '10', 10) || 10)
      );
      const { rows, total } = await store.listBatches((page - 1) * pageSize, pageSize);
      const data = await Promise.all(
        rows.map(async (row) => ({ ...(await detail(row)), accounts: undefined }))
      );
      return {
        data: data.map(({ accounts: _accounts, ...batch }) => batch),
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
      };
    },

    /** Stops sending a batch's messages (those in flight finish); resume sends the rest. */
    async pause(batchId: number): Promise<BatchDetail> {
      const batch = await findBatch(batchId);
      if (!(await store.moveBatch(batchId, ['active', 'enqueuing'], 'paused'))) {
        if (batch.state !== 'paused') throw finishedRefusal(batch, 'paused');
      }
      return this.status(batchId);
    },

    async resume(batchId: number): Promise<BatchDetail> {
      const batch = await findBatch(batchId);
      if (
        !(await store.moveBatch(batchId, ['paused'], intakes.has(batchId) ? 'enqueuing' : 'active'))
      ) {
        if (batch.state === 'done' || batch.state === 'cancelled')
          throw finishedRefusal(batch, 'resumed');
        throw new errors.ValidationError(`Batch ${batchId} is not paused (it is ${batch.state}).`, {
          code: 'NOT_PAUSED',
        });
      }
      await engine?.schedule(batchId, true);
      progressOf.forget(batchId);
      return this.status(batchId);
    },

    /** Cancels every message not sent yet; the ones in flight finish. */
    async cancel(batchId: number): Promise<BatchDetail> {
      const batch = await findBatch(batchId);
      if (
        !(await store.moveBatch(batchId, ['active', 'enqueuing', 'paused'], 'cancelled', {
          finishedAt: new Date(),
        }))
      )
        throw finishedRefusal(batch, 'cancelled');
      await store.cancelQueued(batchId);
      return this.status(batchId);
    },

    /** Bootstrap: indexes, and (unless `queue.worker: false`) the engine starts sending. */
    async start() {
      await store.ensureIndexes();
      engine = await createEngine();
      if (!config().worker) return;
      await engine.start();
      housekeeping = setInterval(() => {
        tidy().catch((error: Error) =>
          strapi.log.warn(`[${PLUGIN_ID}] queue housekeeping: ${error.message}`)
        );
      }, HOUSEKEEPING_MS);
      housekeeping.unref();
    },

    /** Destroy: stop taking work, let the sends in flight finish. */
    async stop() {
      if (housekeeping) clearInterval(housekeeping);
      housekeeping = null;
      await Promise.race([
        Promise.allSettled([...intakes.values()]),
        new Promise((resolve) => setTimeout(resolve, INTAKE_STOP_WAIT_MS).unref()),
      ]);
      await engine?.stop();
      engine = null;
    },

    /** Retention: finished batches go with the send log (`logRetentionDays`), their messages too. */
    async prune(retentionDays: number) {
      return store.pruneFinished(new Date(Date.now() - retentionDays * 24 * 60 * 60 * 1000));
    },

    /** Sends in flight in this process (for a graceful stop and the bench). */
    inFlight: () => engine?.inFlight() ?? 0,

    /** This process: its id, engine, mails finished and given back (limits, pause) since it started. */
    stats: () => ({ owner, engine: engineName(), inFlight: engine?.inFlight() ?? 0, ...handled }),

    engineName,
    owner,
  };
};

export type QueueService = ReturnType<typeof createQueueService>;
export type { BatchState };
