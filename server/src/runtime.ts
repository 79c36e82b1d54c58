import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../shared/constants';
import { createAccounts } from './accounts';
import { createDeliverability } from './deliverability';
import { testMailEntry } from './sending/test-mail-entry';
import type { PluginConfig } from './config';
import { createStockProvider } from './sending/stock-provider';
import { createAccountHealth } from './services/account-health';
import { createAccountIndex } from './services/account-index';
import { createAccountWatch } from './services/account-watch';
import { createLimitsService } from './limits';
import { createMailer } from './services/mailer';
import { createQueueService } from './services/queue';
import { createRetention } from './services/retention';
import { createSendLogService } from './services/send-log';
import { createSettingsService } from './services/settings';

/**
 * The composition root: every part of the plugin built once per Strapi, in dependency order, each given
 * the narrow functions it needs (BullMQ's worker contexts are the model) instead of looking others up by
 * name. A part can only use what was built before it, so the runtime graph has no cycles; the two
 * notifications that flow back (an account changed → the routing index reloads and token caches drop) are
 * listeners on the account store, registered here where they can be read.
 */
const createRuntime = (strapi: Core.Strapi) => {
  const config = () => strapi.config.get<PluginConfig>(`plugin::${PLUGIN_ID}`);
  const warn = (message: string) => strapi.log.warn(`[${PLUGIN_ID}] ${message}`);
  const settings = createSettingsService({ strapi });
  const sendLog = createSendLogService({ strapi });
  const accounts = createAccounts({
    strapi,
    config,
    settings: () => settings.get(),
    recordTestMail: (outcome) => sendLog.recordNow(testMailEntry(outcome)),
  });
  const stock = createStockProvider(strapi);
  const watch = createAccountWatch({
    strapi,
    accounts,
    settings: () => settings.get(),
    sendAlert: stock.sendAlert,
  });
  const index = createAccountIndex({
    accounts,
    syncIntervalMs: () => config().sync.intervalMs,
    reloadSettings: () => settings.reload(),
    onInvalidate: () => watch.forget(),
    warn,
  });
  accounts.store.onChange(() => index.invalidate());
  const limits = createLimitsService({ strapi });
  const deliverability = createDeliverability({
    strapi,
    config,
    keys: accounts.keyring,
    addressOf: (host) => accounts.connections.admit(host).catch(() => null),
  });
  const mailer = createMailer({
    strapi,
    config,
    settings,
    index,
    connections: accounts.connections,
    watch,
    sendLog,
    limits,
    stock,
    deliverability: {
      isBulk: deliverability.isBulk,
      suppressed: (addresses, list) => deliverability.suppressions.suppressed(addresses, list),
      unsubscribeHeaders: (address, list) => deliverability.unsubscribe.headers(address, list),
      signingFor: (domain) => deliverability.domains.signingFor(domain),
      recordHardBounces: deliverability.recordHardBounces,
    },
  });
  const queue = createQueueService({
    strapi,
    sendQueued: mailer.sendQueued,
    readTimeline: (batchId) => sendLog.timeline(batchId),
    logRows: (entries) => sendLog.rowsFor(entries),
  });
  const health = createAccountHealth({
    strapi,
    store: accounts.store,
    flushLog: () => sendLog.flush(),
  });
  const retention = createRetention({
    settings: () => settings.get(),
    pruneLog: (days) => sendLog.prune(days),
    pruneBatches: (days) => queue.prune(days),
    pruneSignIns: () => accounts.oauth.pruneStates(),
    pruneLimits: () => limits.prune(),
    warn,
  });
  /** The domain check of an account, run now and kept on the account (at save, in the background, and on demand). */
  const checkAccountDomain = async (accountId: number) => {
    const row = await accounts.store.get(accountId);
    const check = await deliverability.checkAccount(row);
    await accounts.store.storeDomainCheck(accountId, check);
    return check;
  };
  return {
    checkAccountDomain,
    config,
    settings,
    accounts,
    deliverability,
    sendLog,
    stock,
    watch,
    index,
    limits,
    mailer,
    queue,
    health,
    retention,
  };
};

export type Runtime = ReturnType<typeof createRuntime>;

const runtimes = new WeakMap<Core.Strapi, Runtime>();

/** This Strapi's plugin runtime (built on first use; a test process may hold several Strapis). */
export const runtimeOf = (strapi: Core.Strapi): Runtime => {
  let runtime = runtimes.get(strapi);
  if (!runtime) {
    runtime = createRuntime(strapi);
    runtimes.set(strapi, runtime);
  }
  return runtime;
};
