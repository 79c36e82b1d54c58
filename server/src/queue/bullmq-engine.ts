import type { Core } from '@strapi/strapi';
import type { Job } from 'bullmq';
import { PLUGIN_ID } from '../../../shared/constants';
import type { QueueEngine } from './engine';
import { createGroupCall } from './group-commit';
import { loadBullmq, redisClient, type RedisConfig } from './redis-connection';
import type { SendOne } from './send-one';
import type { ClaimedMail, QueueStore } from './store';

export interface BullmqEngineOptions {
  owner: string;
  /** The reconcile check runs every 30 × pollMs (30 s by default). */
  pollMs: number;
  concurrency: number;
  leaseMs: number;
  redis: RedisConfig;
  worker: boolean;
}

/** One BullMQ queue for every batch; a job names one message row. */
export const BULLMQ_QUEUE_NAME = 'smtp-accounts-mail';
/** Row ids read per page when jobs are added. */
const SCHEDULE_PAGE = 1000;
/**
 * Jobs that start within this long claim their rows together (one `UPDATE … RETURNING` on PostgreSQL instead
 * of one per mail: the worker starts up to `concurrency` jobs at a time).
 */
const CLAIM_WINDOW_MS = 2;
/** How often (in `pollMs`) an instance checks that Redis still holds jobs for the queued messages. */
const RECONCILE_EVERY_POLLS = 30;

interface MailJob {
  id: number;
}

/**
 * The Redis engine: BullMQ distributes the messages over every Strapi instance (each runs a Worker),
 * and takes back the jobs of an instance that died (its stalled-job check): those messages are sent
 * again marked `uncertain`. The message rows stay in the database (states, counts, the panel); a job
 * only names its row, and its id (`m<row id>`) makes scheduling the same row twice harmless.
 * A message at its account's limit is put back as a delayed job; a paused batch's jobs complete
 * without sending, and resume schedules its queued rows again.
 */
export const createBullmqEngine = (
  strapi: Core.Strapi,
  store: QueueStore,
  sendOne: SendOne,
  options: BullmqEngineOptions
): QueueEngine => {
  const { Queue, Worker, DelayedError } = loadBullmq();
  const { owner, concurrency, leaseMs, redis } = options;
  const queue = new Queue<MailJob>(BULLMQ_QUEUE_NAME, {
    connection: redisClient(redis, 'bullmq-queue'),
    defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000, attempts: 1 },
  });
  let worker: InstanceType<typeof Worker<MailJob>> | null = null;
  let inFlight = 0;
  /** Per batch, the last row id already scheduled by this process (resume starts over). */
  const scheduledUpTo = new Map<number, number>();
  let scheduling = Promise.resolve();

  const scheduleNow = async (batchId: number, from: number) => {
    let last = from;
    for (;;) {
      const rows = await store.queuedAfter(batchId, last, SCHEDULE_PAGE);
      if (rows.length === 0) break;
      const now = Date.now();
      // a message waiting for a limit or a retry keeps its wait as the job's delay
      await queue.addBulk(
        rows.map(({ id, availableAt }) => ({
          name: 'mail',
          data: { id },
          opts: { jobId: `m${id}`, delay: Math.max(0, availableAt - now) },
        }))
      );
      last = rows[rows.length - 1].id;
      scheduledUpTo.set(batchId, last);
    }
  };

  /**
   * Redis may lose its jobs (restarted without persistence, flushed) while the messages wait in the
   * database: when BullMQ has no job at all but a batch still has queued messages, they are scheduled again.
   * Scheduling twice is harmless (job ids), so every instance may do it.
   */
  const reconcile = async () => {
    const counts = await queue.getJobCounts(
      'waiting',
      'delayed',
      'active',
      'prioritized',
      'paused'
    );
    if (Object.values(counts).some((count) => count > 0)) return;
    for (const [batchId, batch] of await store.openBatches()) {
      if (
        (batch.state === 'active' || batch.state === 'enqueuing') &&
        (await store.hasWork(batchId))
      ) {
        strapi.log.info(
          `[${PLUGIN_ID}] queue (BullMQ): Redis holds no job for batch ${batchId}'s queued messages: scheduling them again`
        );
        await engine.schedule(batchId, true);
      }
    }
  };
  const claims = createGroupCall<{ id: number; takeOver: boolean }, ClaimedMail | null>(
    async (asked) => {
      const taken = new Map<number, ClaimedMail>();
      for (const takeOver of [false, true]) {
        const ids = asked.filter((job) => job.takeOver === takeOver).map((job) => job.id);
        if (ids.length > 0)
          for (const mail of await store.claimMany(ids, owner, leaseMs, takeOver))
            taken.set(mail.id, mail);
      }
      return asked.map((job) => taken.get(job.id) ?? null);
    },
    CLAIM_WINDOW_MS
  );

  let reconciler: NodeJS.Timeout | null = null;

  const handle = async (job: Job<MailJob>, token?: string) => {
    // a job started before (its worker stopped answering, or it was delayed) may find its row mid-send
    const takeOver = (job.attemptsStarted ?? 0) > 1 || (job.stalledCounter ?? 0) > 0;
    const mail = await claims.call({ id: job.data.id, takeOver });
    if (!mail) return; // finished, cancelled, or sending elsewhere
    inFlight += 1;
    try {
      const result = await sendOne(mail);
      if (result.kind === 'released' && result.why !== 'paused') {
        await job.moveToDelayed(result.until, token);
        throw new DelayedError();
      }
    } finally {
      inFlight -= 1;
    }
  };

  const engine: QueueEngine = {
    name: 'redis',
    async start() {
      worker = new Worker<MailJob>(BULLMQ_QUEUE_NAME, handle, {
        connection: redisClient(redis, 'bullmq-worker'),
        concurrency,
        lockDuration: Math.min(leaseMs, 30_000),
        stalledInterval: Math.min(leaseMs, 30_000),
        maxStalledCount: 5,
      });
      worker.on('error', (error) =>
        strapi.log.warn(`[${PLUGIN_ID}] queue (BullMQ): ${error.message}`)
      );
      reconciler = setInterval(() => {
        reconcile().catch((error: Error) =>
          strapi.log.warn(`[${PLUGIN_ID}] queue (BullMQ): reconcile: ${error.message}`)
        );
      }, RECONCILE_EVERY_POLLS * options.pollMs);
      reconciler.unref();
      // rows a process stored but did not schedule (it stopped in between): scheduled again, once per start
      for (const [batchId, batch] of await store.openBatches()) {
        if (batch.state === 'active' || batch.state === 'enqueuing')
          await engine.schedule(batchId, true);
      }
    },
    async stop() {
      if (reconciler) clearInterval(reconciler);
      await worker?.close();
      worker = null;
      await scheduling;
      await queue.close();
    },
    async schedule(batchId: number, fromStart = false) {
      const from = fromStart ? 0 : (scheduledUpTo.get(batchId) ?? 0);
      scheduling = scheduling
        .then(() => scheduleNow(batchId, from))
        .catch((error: Error) => {
          strapi.log.warn(
            `[${PLUGIN_ID}] queue (BullMQ): could not schedule batch ${batchId}: ${error.message}`
          );
        });
      await scheduling;
    },
    inFlight: () => inFlight,
  };
  return engine;
};
