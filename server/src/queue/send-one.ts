import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, type BatchState } from '../../../shared/constants';
import type { Deferral, MailerService } from '../services/mailer';
import type { LogRows, NewLogEntry } from '../services/send-log';
import { createGroupCommit } from './group-commit';
import type { ClaimedMail, FinishedMail, QueueStore } from './store';

/** Batch states are read at most this often by a sending process (pause and cancel take effect within it). */
const BATCH_STATES_TTL_MS = 1000;
/** Outcomes of the sends in flight are written together after this long. */
const FINISH_DELAY_MS = 2;
/** A message whose send could not even be attempted (database down…) is tried again after this long. */
const RETRY_AFTER_ERROR_MS = 30_000;

/** What became of a taken message: finished, or given back (limit, pause) and due again at `until`. */
export type SendOneResult =
  | { kind: 'finished' }
  | { kind: 'released'; until: number; why: 'limit' | 'paused' | 'error' | 'retry' };

/**
 * The work on one queued message, the same for both engines: look at its batch (paused → give it back,
 * cancelled → cancelled), send it through the mailer (the rule, the limits, the log), then record the
 * outcome. A delivered message's send-log entry is written with its outcome, in one statement (PostgreSQL) or
 * one transaction: a process that dies can only lose track of the sends it had in flight, and those come back
 * `uncertain`.
 */
/**
 * `retryDelaysMs`: a message nobody could take for a reason that may pass (see journal.transient) is tried
 * again after each of these delays in turn, then failed. Each try is its own send-log entry.
 */
export const createSendOne = (
  strapi: Core.Strapi,
  store: QueueStore,
  owner: string,
  retryDelaysMs: readonly number[],
  /** The mailer's entry for queued mail (passed in: the queue needs nothing else of it). */
  sendQueued: MailerService['sendQueued'],
  /** The send log's rows for entries (its table's shape stays the send log's). */
  logRows: (entries: NewLogEntry[]) => LogRows
) => {
  /** Outcomes, with the send-log entries of the delivered mails, written together (see store.finish). */
  const finishing = createGroupCommit<FinishedMail & { log: NewLogEntry | null }>((items) => {
    const entries = items.flatMap((item) => (item.log ? [item.log] : []));
    return store.finish(owner, items, entries.length ? logRows(entries) : null);
  }, FINISH_DELAY_MS);
  let states: {
    read: number;
    map: Promise<Map<number, { state: BatchState; newsletter: boolean; list: string }>>;
  } | null = null;
  /** Per account and window: how many deferred mails this process already lined up for it (see `spread`). */
  const lined = new Map<string, number>();

  const readStates = () => {
    states = { read: Date.now(), map: store.openBatches() };
    states.map.catch(() => (states = null));
    return states.map;
  };
  /** The batch of a mail; a batch missing from a fresh read is finished or gone: its stray mail is cancelled. */
  const batchOf = async (batchId: number) => {
    const map =
      !states || Date.now() - states.read > BATCH_STATES_TTL_MS
        ? await readStates()
        : await states.map;
    const found = map.get(batchId) ?? (await readStates()).get(batchId);
    return found ?? { state: 'cancelled' as const, newsletter: false, list: '*' };
  };

  /**
   * Lines deferred mails up over the coming windows, as many per window as the limit allows, so that
   * each waiting mail is tried about once, not at every window (10^4 mails behind a 30/min limit would
   * otherwise all wake every minute). Only a hint: the limiter decides.
   */
  const spread = ({ accountId, room }: Deferral) => {
    const key = `${accountId}:${Math.round(room.retryAt / 1000)}`;
    const before = lined.get(key) ?? 0;
    lined.set(key, before + 1);
    if (lined.size > 10_000) lined.clear();
    return (
      room.retryAt +
      Math.floor(before / room.points) * room.windowMs +
      Math.floor(Math.random() * 250)
    );
  };

  const release = async (
    mail: ClaimedMail,
    until: number,
    why: 'limit' | 'paused' | 'error'
  ): Promise<SendOneResult> => {
    await store.release(owner, [mail.id], until);
    return { kind: 'released', until, why };
  };

  /** `onWireEnd`: called when the SMTP exchange of a sent mail is over (its log entry and outcome are still to be written). */
  return async (mail: ClaimedMail, onWireEnd?: () => void): Promise<SendOneResult> => {
    const batch = await batchOf(mail.batchId);
    if (batch.state === 'paused') return release(mail, Date.now(), 'paused');
    if (batch.state === 'cancelled' || batch.state === 'done') {
      await finishing.add({
        id: mail.id,
        state: 'cancelled',
        accountId: null,
        accountEmail: null,
        errorCode: null,
        log: null,
      });
      return { kind: 'finished' };
    }
    let log: NewLogEntry | null = null;
    try {
      const result = await sendQueued(mail.message, {
        newsletter: batch.newsletter,
        list: batch.list,
        batchId: mail.batchId,
        messageId: mail.messageId,
        uncertain: mail.uncertain,
        onWireEnd,
        keepLog: (entry) => (log = entry),
      });
      if (result.outcome === 'deferred') return release(mail, spread(result.deferral), 'limit');
      if (result.outcome === 'failed' && result.transient && mail.retries < retryDelaysMs.length) {
        const until = Date.now() + retryDelaysMs[mail.retries];
        await store.retryLater(owner, mail.id, until, result.code);
        return { kind: 'released', until, why: 'retry' };
      }
      await finishing.add({
        id: mail.id,
        state: result.outcome,
        accountId: result.outcome === 'suppressed' ? null : (result.account?.id ?? null),
        accountEmail: result.outcome === 'suppressed' ? null : (result.account?.email ?? null),
        errorCode: result.outcome === 'failed' ? result.code : null,
        log,
      });
      return { kind: 'finished' };
    } catch (error) {
      // where it broke is unknown (before the SMTP exchange, or after it, writing the log): maybe sent
      strapi.log.warn(
        `[${PLUGIN_ID}] queued mail #${mail.id} (batch ${mail.batchId}) broke off, tried again in ${RETRY_AFTER_ERROR_MS / 1000} s as uncertain: ${(error as Error).message}`
      );
      const until = Date.now() + RETRY_AFTER_ERROR_MS;
      await store.abandon(owner, mail.id, until).catch(() => undefined);
      return { kind: 'released', until, why: 'error' };
    }
  };
};

export type SendOne = ReturnType<typeof createSendOne>;
