/**
 * Who sends the queued messages. The messages and their states always live in Strapi's database
 * (queue/store.ts); an engine only decides which process takes which message when:
 * - `database` (the default): each worker process claims due rows itself (queue/database-engine.ts);
 * - `redis`: BullMQ distributes one job per message over every instance (queue/bullmq-engine.ts).
 */
export interface QueueEngine {
  readonly name: 'database' | 'redis';
  /** Starts taking work (a process with `queue.worker: false` never calls it). */
  start(): Promise<void>;
  /** Stops taking work and waits for the sends in flight. */
  stop(): Promise<void>;
  /** A batch got new messages (`fromStart`: or was resumed, its given-back messages too): schedule what it has queued. */
  schedule(batchId: number, fromStart?: boolean): Promise<void>;
  /** Sends in flight in this process now. */
  inFlight(): number;
}
