import type { ModuleSettings } from '../../../shared/contracts/settings';

const EVERY_MS = 60 * 60 * 1000;

/**
 * The hourly clean-up (and once at start-up): send-log entries and finished campaign batches older than
 * `logRetentionDays`, OAuth2 sign-ins that expired without being used, and sending-limit counts older than a day.
 */
export const createRetention = (deps: {
  settings: () => Promise<ModuleSettings>;
  pruneLog: (retentionDays: number) => Promise<unknown>;
  pruneBatches: (retentionDays: number) => Promise<unknown>;
  pruneSignIns: () => Promise<unknown>;
  /** Sending-limit counts older than the longest window (a day). */
  pruneLimits: () => Promise<unknown>;
  warn: (message: string) => void;
}) => {
  let timer: NodeJS.Timeout | null = null;

  const run = async () => {
    try {
      const { logRetentionDays } = await deps.settings();
      await deps.pruneLog(logRetentionDays);
      await deps.pruneBatches(logRetentionDays);
      await deps.pruneSignIns();
      await deps.pruneLimits();
    } catch (error) {
      deps.warn(
        `retention (send log, batches, sign-ins, limit counts) failed: ${(error as Error).message}`
      );
    }
  };

  return {
    run,
    start() {
      void run();
      timer = setInterval(() => void run(), EVERY_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
};

export type Retention = ReturnType<typeof createRetention>;
