import type { Core } from '@strapi/strapi';
import {
  PLUGIN_ID,
  WEBHOOK_EVENTS,
  type HealthState,
  type SmtpStage,
} from '../../../shared/constants';
import type { ModuleSettings } from '../../../shared/contracts/settings';
import type { AccountRow, Accounts } from '../accounts';
import { needsReauthorization } from '../oauth/token-client';
import { redact } from '../redaction/redact';

/** What happened to an account: a send or a re-check went through, failed at a stage, or lost its OAuth2 grant. */
export type Outcome =
  | { ok: true }
  | { ok: false; stage: SmtpStage; code: string; reply: string }
  | { reauth: true; reason: string };

/** Failures that say the account itself is broken (a 4xx for one recipient or a rejected message do not). */
const ACCOUNT_STAGES = new Set<SmtpStage>(['connect', 'timeout', 'tls', 'auth', 'sender']);
export const isAccountFailure = (stage: SmtpStage) => ACCOUNT_STAGES.has(stage);

const stateOf = (outcome: Outcome): HealthState =>
  'reauth' in outcome ? 'reauth-required' : outcome.ok ? 'ok' : 'failing';
const FALLBACK_EVENT_EVERY_MS = 60000;

type WatchedAccount = Pick<AccountRow, 'id' | 'email' | 'name'> & {
  healthState?: HealthState | null;
};

/**
 * Who learns that an account stopped working, without anybody reading the log: the outcome of real
 * sends and of the scheduled re-check moves an account between ok / failing / reauth-required. Each
 * change is taken by one conditional UPDATE of the account's row, so that among several Strapi
 * processes exactly one announces it — a webhook event (Settings → Webhooks) and an alert mail to the
 * `alertRecipients`, sent through the stock provider (never through the failing account). A send in
 * steady state costs a look-up in memory: the database is touched only when the state changes.
 */
export const createAccountWatch = (deps: {
  strapi: Core.Strapi;
  accounts: Pick<Accounts, 'store' | 'connections'>;
  settings: () => Promise<ModuleSettings>;
  /** Alerts go through the provider configured in `config/plugins`, never through an account. */
  sendAlert: (mail: { to: string[]; subject: string; text: string }) => Promise<unknown>;
}) => {
  const { strapi } = deps;
  const { store, connections } = deps.accounts;
  const known = new Map<number, HealthState | null>();
  const lastFallbackEvent = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  let lastRecheck = 0;
  let rechecking: Promise<void> | null = null;

  /** Takes the change for this process, or learns that another process (or an earlier call) took it. */
  const claimChange = (accountId: number, next: HealthState, outcome: Outcome) => {
    const failure = 'stage' in outcome ? outcome : null;
    return store.claimHealthChange(accountId, next, {
      stage: failure?.stage ?? null,
      reply: failure ? failure.reply : 'reauth' in outcome ? outcome.reason : null,
    });
  };

  const previousState = async (
    accountId: number,
    hint?: HealthState | null
  ): Promise<HealthState | null> => {
    if (known.has(accountId)) return known.get(accountId) ?? null;
    if (hint !== undefined) {
      known.set(accountId, hint);
      return hint;
    }
    const state = await store.healthStateOf(accountId);
    known.set(accountId, state);
    return state;
  };

  const alertMail = async (subject: string, text: string) => {
    const { alertRecipients } = await deps.settings();
    const to = alertRecipients
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    if (to.length === 0) return;
    try {
      await deps.sendAlert({ to, subject, text });
    } catch (error) {
      strapi.log.warn(
        `[${PLUGIN_ID}] the alert mail "${subject}" could not be sent through the stock provider: ${(error as Error).message}`
      );
    }
  };

  const announce = async (
    account: WatchedAccount,
    from: HealthState | null,
    to: HealthState,
    outcome: Outcome
  ) => {
    const who = { id: account.id, name: account.name ?? '', email: account.email };
    const admin = `${strapi.config.get('admin.absoluteUrl', '') || strapi.config.get('server.url', '')}/admin/plugins/${PLUGIN_ID}/${account.id}`;
    if (to === 'ok') {
      if (from === null) return; // the first success of a new account is no news
      strapi.eventHub.emit(WEBHOOK_EVENTS.recovered, { account: who, was: from });
      strapi.log.info(`[${PLUGIN_ID}] account #${account.id} <${account.email}> works again`);
      await alertMail(
        `SMTP account ${account.email} works again`,
        `The SMTP account ${account.email} (#${account.id}) sends again (it was ${from}).\n\n${admin}`
      );
    } else if (to === 'failing' && 'stage' in outcome) {
      strapi.eventHub.emit(WEBHOOK_EVENTS.failing, {
        account: who,
        stage: outcome.stage,
        code: outcome.code,
        reply: outcome.reply,
      });
      strapi.log.warn(
        `[${PLUGIN_ID}] account #${account.id} <${account.email}> is failing at ${outcome.stage} (${outcome.code}): ${outcome.reply}`
      );
      await alertMail(
        `SMTP account ${account.email} is failing (${outcome.stage})`,
        `The SMTP account ${account.email} (#${account.id}) failed at the ${outcome.stage} stage (${outcome.code}).\nServer reply: ${outcome.reply}\n\nMail for it goes to the next account or the fallback meanwhile.\n${admin}`
      );
    } else if (to === 'reauth-required' && 'reauth' in outcome) {
      strapi.eventHub.emit(WEBHOOK_EVENTS.reauthRequired, { account: who, reason: outcome.reason });
      await alertMail(
        `SMTP account ${account.email} needs to be connected again`,
        `The OAuth2 sign-in of the SMTP account ${account.email} (#${account.id}) stopped working (${outcome.reason}). It takes no part in sending until an admin clicks Connect on it again.\n\n${admin}`
      );
    }
  };

  const service = {
    /**
     * Records an outcome. Cheap when nothing changes (memory only); on a change, one process wins the
     * row update and announces it. Never throws: alerting must not break a send.
     */
    async report(account: WatchedAccount, outcome: Outcome) {
      try {
        if ('stage' in outcome && !isAccountFailure(outcome.stage)) return;
        const next = stateOf(outcome);
        const previous = await previousState(account.id, account.healthState);
        if (previous === next) return;
        known.set(account.id, next);
        if (await claimChange(account.id, next, outcome))
          await announce(account, previous, next, outcome);
      } catch (error) {
        strapi.log.warn(
          `[${PLUGIN_ID}] could not record the state of account #${account.id}: ${(error as Error).message}`
        );
      }
    },

    /** Every candidate failed and the stock provider took the mail: one event per From a minute per process. */
    fellBack(details: { from: string; attempts: number }) {
      const now = Date.now();
      if (now - (lastFallbackEvent.get(details.from) ?? 0) < FALLBACK_EVENT_EVERY_MS) return;
      if (lastFallbackEvent.size > 1000) lastFallbackEvent.clear();
      lastFallbackEvent.set(details.from, now);
      strapi.eventHub.emit(WEBHOOK_EVENTS.fallback, details);
    },

    /** Another process may have changed states: forget what this one remembers (with the account index). */
    forget() {
      known.clear();
    },

    /** Checks every active account the way a save does (connect, TLS, AUTH, MAIL FROM; nothing is sent). */
    async recheckAll() {
      rechecking ??= (async () => {
        const settings = await deps.settings();
        for (const row of await store.listActive()) {
          if (row.authType === 'oauth2' && row.oauthStatus !== 'connected') continue;
          const outcome = await service.checkOne(row, settings.verifyTimeoutMs);
          await store.markChecked(row.id);
          await service.report(row, outcome);
        }
        lastRecheck = Date.now();
      })().finally(() => {
        rechecking = null;
      });
      return rechecking;
    },

    /** Checks one account as a save does, through the connection module with its stored secret. */
    async checkOne(row: AccountRow, timeoutMs: number): Promise<Outcome> {
      try {
        const result = await connections.verify(row, { kind: 'stored' }, timeoutMs);
        if (result.ok || !result.failure) return { ok: true };
        if (needsReauthorization((result.failure as { oauthError?: string }).oauthError))
          return { reauth: true, reason: 'invalid_grant' };
        return {
          ok: false,
          stage: result.failure.stage,
          code: result.failure.code,
          reply: result.failure.detail,
        };
      } catch (error) {
        const failure = error as Error & {
          code?: string;
          oauthError?: string;
          details?: { code?: string };
        };
        if (needsReauthorization(failure.oauthError))
          return { reauth: true, reason: failure.oauthError ?? 'invalid_grant' };
        return {
          ok: false,
          stage: 'auth',
          code: failure.details?.code ?? failure.code ?? 'EUNKNOWN',
          reply: redact(failure.message, connections.formsOf(row)),
        };
      }
    },

    /** Runs the re-check when `recheckIntervalMinutes` says it is due (looked at every minute). */
    start() {
      const tick = async () => {
        try {
          const { recheckIntervalMinutes, enabled } = await deps.settings();
          if (
            !enabled ||
            !recheckIntervalMinutes ||
            Date.now() - lastRecheck < recheckIntervalMinutes * 60000
          )
            return;
          await service.recheckAll();
        } catch (error) {
          strapi.log.warn(
            `[${PLUGIN_ID}] the scheduled re-check failed: ${(error as Error).message}`
          );
        }
      };
      timer = setInterval(() => void tick(), 60000);
      timer.unref();
    },

    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
  return service;
};

export type AccountWatch = ReturnType<typeof createAccountWatch>;
