import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../shared/constants';
import type { QueueEngine } from './engine';
import type { SendOne } from './send-one';
import type { QueueStore } from './store';

/** Mails a process may have taken per sending slot: the slot's own send, and the others' log writes. */
const TAKEN_PER_SLOT = 3;

export interface DatabaseEngineOptions {
  owner: string;
  concurrency: number;
  pollMs: number;
  leaseMs: number;
}

/**
 * The embedded engine: the queue is a table of Strapi's database, and this process claims due rows
 * (a page at a time, leased to it), sends them `concurrency` at a time and records the outcomes. A
 * restart resumes from the table; rows held by a process that died come back when its lease runs out,
 * marked `uncertain`. Several processes may run it (claims are conditional UPDATEs), but the default is
 * one sender.
 */
export const createDatabaseEngine = (
  strapi: Core.Strapi,
  store: QueueStore,
  sendOne: SendOne,
  options: DatabaseEngineOptions
): QueueEngine => {
  const { owner, concurrency, pollMs, leaseMs } = options;
  let running = false;
  /** Mails in their SMTP exchange: at most `concurrency`. */
  let onWire = 0;
  /** Mails taken and not finished: on the wire, or sent and having their log entry and outcome written. */
  let inFlight = 0;
  /**
   * A sent mail gives its slot back when its SMTP exchange ends; writing its log entry and outcome (group
   * commits of a few ms) goes on beside the next sends, up to this many mails taken in all.
   */
  const maxTaken = concurrency * TAKEN_PER_SLOT;
  let wake: (() => void) | null = null;
  let loop: Promise<void> | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let drained: (() => void) | null = null;
  /** Claim only when this many slots are free (or none is busy): one statement for several mails. */
  const claimAtLeast = Math.max(1, Math.floor(concurrency / 4));
  const room = () => Math.min(concurrency - onWire, maxTaken - inFlight);

  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  const poke = () => wake?.();

  let paused: { read: number; ids: number[] } = { read: 0, ids: [] };
  /** Paused batches are skipped by the claim (read at most once a second: a pause takes effect within it). */
  const pausedBatches = async () => {
    if (Date.now() - paused.read > 1000) {
      const open = await store.openBatches();
      paused = {
        read: Date.now(),
        ids: [...open.entries()].filter(([, batch]) => batch.state === 'paused').map(([id]) => id),
      };
    }
    return paused.ids;
  };

  let expiredRead = 0;
  const run = async () => {
    while (running) {
      const free = room();
      if (free < claimAtLeast && inFlight > 0) {
        await nap(pollMs);
        continue;
      }
      let claimed: Awaited<ReturnType<QueueStore['claim']>> = [];
      try {
        // rows of a process that died come back after a lease of seconds: looking for them once a second is enough
        const withExpired = Date.now() - expiredRead >= 1000;
        if (withExpired) expiredRead = Date.now();
        claimed = await store.claim(owner, free, leaseMs, await pausedBatches(), withExpired);
      } catch (error) {
        strapi.log.warn(`[${PLUGIN_ID}] queue: could not claim mail: ${(error as Error).message}`);
      }
      if (claimed.length === 0) {
        await nap(pollMs);
        continue;
      }
      for (const mail of claimed) {
        inFlight += 1;
        onWire += 1;
        let wired = true;
        const offWire = () => {
          if (!wired) return;
          wired = false;
          onWire -= 1;
          if (room() >= claimAtLeast) poke();
        };
        void sendOne(mail, offWire)
          .catch((error: Error) =>
            strapi.log.warn(`[${PLUGIN_ID}] queue: mail #${mail.id}: ${error.message}`)
          )
          .finally(() => {
            inFlight -= 1;
            offWire();
            if (inFlight === 0) drained?.();
            if (room() >= claimAtLeast) poke();
          });
      }
    }
  };

  return {
    name: 'database',
    async start() {
      if (running) return;
      running = true;
      heartbeat = setInterval(
        () => {
          if (inFlight > 0) store.renewLeases(owner, leaseMs).catch(() => undefined);
        },
        Math.floor(leaseMs / 3)
      );
      heartbeat.unref();
      loop = run();
    },
    async stop() {
      running = false;
      poke();
      if (heartbeat) clearInterval(heartbeat);
      await loop;
      if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
    },
    async schedule() {
      poke();
    },
    inFlight: () => inFlight,
  };
};
