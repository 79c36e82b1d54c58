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

/** One BullMQ queue for every batch; a job names a group of message rows. */
export const BULLMQ_QUEUE_NAME = 'smtp-accounts-mail';
/**
 * Rows per job: BullMQ's work (a job taken, locked, completed: Redis round trips and Lua scripts) is paid once per
 * group instead of once per mail. Groups are aligned on id ranges, so a batch scheduled again (a start, a resume)
 * names the same jobs as long as its rows did not move.
 */
const GROUP_SIZE = 16;
/** Rows of one job in their SMTP exchange at a time; the worker runs `concurrency / SENDS_PER_JOB` jobs at once. */
const SENDS_PER_JOB = 4;
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
  /** The rows of this job (`id`: a job added by an earlier version names one row). */
  ids?: number[];
  id?: number;
  /** The process that last started this job: when BullMQ finds the job stalled, only its rows are taken over. */
  owner?: string;
}

/**
 * The Redis engine: BullMQ distributes the messages over every Strapi instance (each runs a Worker),
 * and takes back the jobs of an instance that died (its stalled-job check): those messages are sent
 * again marked `uncertain`. The message rows stay in the database (states, counts, the panel); a job
 * only names a group of rows (one id range of a batch), and each row is taken by a conditional claim
 * just before its send, so a row named by two jobs is still sent once.
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
    // a failed job is logged and removed: kept, its id would stop the same rows from being scheduled again
    defaultJobOptions: { removeOnComplete: true, removeOnFail: true, attempts: 1 },
  });
  let worker: InstanceType<typeof Worker<MailJob>> | null = null;
  let inFlight = 0;
  /** Per batch, the last row id already scheduled by this process (resume starts over). */
  const scheduledUpTo = new Map<number, number>();
  let scheduling = Promise.resolve();

  /** Jobs for rows of one batch: due rows in groups of one id range, rows waiting (limit, retry) alone with their delay. */
  const jobsFor = (batchId: number, rows: { id: number; availableAt: number }[]) => {
    const now = Date.now();
    const jobs: { name: string; data: MailJob; opts: { jobId: string; delay?: number } }[] = [];
    let group: number[] = [];
    const close = () => {
      if (group.length)
        jobs.push({
          name: 'mail',
          data: { ids: group },
          opts: { jobId: `g${batchId}-${group[0]}-${group[group.length - 1]}` },
        });
      group = [];
    };
    for (const { id, availableAt } of rows) {
      if (availableAt > now) {
        jobs.push({
          name: 'mail',
          data: { ids: [id] },
          opts: { jobId: `d${id}-${availableAt}`, delay: availableAt - now },
        });
        continue;
      }
      if (group.length && Math.floor(group[0] / GROUP_SIZE) !== Math.floor(id / GROUP_SIZE))
        close();
      group.push(id);
    }
    close();
    return jobs;
  };

  const scheduleNow = async (batchId: number, from: number) => {
    let last = from;
    for (;;) {
      const rows = await store.queuedAfter(batchId, last, SCHEDULE_PAGE);
      if (rows.length === 0) break;
      await queue.addBulk(jobsFor(batchId, rows));
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
  /** `takeOverFrom`: a row already `sending` is taken (as uncertain) only from that process ('*': any). */
  const claims = createGroupCall<{ id: number; takeOverFrom: string | null }, ClaimedMail | null>(
    async (asked) => {
      const taken = new Map<number, ClaimedMail>();
      const kinds = new Map<string | null, number[]>();
      for (const { id, takeOverFrom } of asked) {
        const ids = kinds.get(takeOverFrom);
        if (ids) ids.push(id);
        else kinds.set(takeOverFrom, [id]);
      }
      for (const [takeOverFrom, ids] of kinds)
        for (const mail of await store.claimMany(ids, owner, leaseMs, takeOverFrom))
          taken.set(mail.id, mail);
      return asked.map((job) => taken.get(job.id) ?? null);
    },
    CLAIM_WINDOW_MS
  );

  let reconciler: NodeJS.Timeout | null = null;

  /**
   * One row of a job: taken, sent, and its outcome; answers when it is due again if the send was put off.
   * `onWireEnd`: its SMTP exchange is over (a delivered mail; its log entry and outcome are still to be written).
   */
  const sendRow = async (
    id: number,
    takeOverFrom: string | null,
    onWireEnd: () => void
  ): Promise<number | null> => {
    const mail = await claims.call({ id, takeOverFrom });
    if (!mail) return null; // finished, cancelled, paused, or sending elsewhere
    inFlight += 1;
    try {
      const result = await sendOne(mail, onWireEnd);
      return result.kind === 'released' && result.why !== 'paused' ? result.until : null;
    } finally {
      inFlight -= 1;
    }
  };

  const handle = async (job: Job<MailJob>, token?: string) => {
    const ids = job.data.ids ?? (job.data.id === undefined ? [] : [job.data.id]);
    // started before (its worker stopped answering, or it was put off): its rows may be mid-send — but only the
    // process that held this job can have them, so only that one's rows are taken over
    const retried = (job.attemptsStarted ?? 0) > 1 || (job.stalledCounter ?? 0) > 0;
    const takeOverFrom = retried ? (job.data.owner ?? '*') : null;
    if (job.data.owner !== owner) await job.updateData({ ...job.data, owner });
    const later: { id: number; until: number }[] = [];
    /** Every row's whole work (sent, logged, recorded): the job is complete only when all of it is. */
    const rows: Promise<void>[] = [];
    let broke: { error: unknown } | null = null;
    let next = 0;
    // a lane moves on to its next row when the SMTP exchange of its row ends: the row's log entry and outcome
    // (group commits of a few ms) are written beside the next send; at most the job's rows are taken at once
    const lane = async () => {
      while (next < ids.length && !broke) {
        const id = ids[next++];
        let offWire = () => {};
        const wireEnded = new Promise<void>((resolve) => (offWire = resolve));
        const row = sendRow(id, takeOverFrom, offWire).then(
          (until) => {
            if (until !== null) later.push({ id, until });
          },
          (error: unknown) => {
            broke ??= { error };
          }
        );
        rows.push(row);
        await Promise.race([wireEnded, row]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SENDS_PER_JOB, ids.length) }, lane));
    await Promise.all(rows);
    if (broke) throw (broke as { error: unknown }).error;
    if (later.length === 0) return;
    // put off (a limit, a retry): a job of one row waits as itself; the rows of a group get a delayed job each
    if (ids.length === 1) {
      await job.moveToDelayed(later[0].until, token);
      throw new DelayedError();
    }
    const now = Date.now();
    await queue.addBulk(
      later.map(({ id, until }) => ({
        name: 'mail',
        data: { ids: [id] },
        opts: { jobId: `d${id}-${until}`, delay: Math.max(0, until - now) },
      }))
    );
  };

  const engine: QueueEngine = {
    name: 'redis',
    async start() {
      worker = new Worker<MailJob>(BULLMQ_QUEUE_NAME, handle, {
        connection: redisClient(redis, 'bullmq-worker'),
        concurrency: Math.max(1, Math.ceil(concurrency / SENDS_PER_JOB)),
        lockDuration: Math.min(leaseMs, 30_000),
        stalledInterval: Math.min(leaseMs, 30_000),
        maxStalledCount: 5,
      });
      worker.on('error', (error) =>
        strapi.log.warn(`[${PLUGIN_ID}] queue (BullMQ): ${error.message}`)
      );
      worker.on('failed', (job, error) =>
        strapi.log.warn(
          `[${PLUGIN_ID}] queue (BullMQ): job ${job?.id ?? '?'} failed (its rows are scheduled again by the reconcile check): ${error.message}`
        )
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
