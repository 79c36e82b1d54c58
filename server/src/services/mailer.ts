import type { Core } from '@strapi/strapi';
import type Mail from 'nodemailer/lib/mailer';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, type LimitOverflowMode } from '../../../shared/constants';
import { ALL_NEWSLETTERS } from '../../../shared/contracts/deliverability';
import type { ResolveRule } from '../../../shared/contracts/resolve';
import type { AccountRow, Connections } from '../accounts';
import type { PluginConfig } from '../config';
import { needsReauthorization } from '../oauth/token-client';
import { redactOptional } from '../redaction/redact';
import { parseFrom, type FromInput } from '../routing/parse-from';
import { candidatesInRuleOrder, resolveAccount, type Resolution } from '../routing/resolve-account';
import { checkMail, type CheckedMail } from '../sending/check-mail';
import { withoutRecipients, withUnsubscribeHeaders } from '../sending/newsletter';
import { createJournal, type Journal } from '../sending/journal';
import { isMailNotSent, MailNotSentError } from '../sending/mail-not-sent';
import type { EmailProvider, StockProvider } from '../sending/stock-provider';
import { buildMessage, type EmailOptions } from '../transport/message';
import {
  describeSmtpFailure,
  isFailoverSafe,
  mayHaveBeenDelivered,
} from '../transport/smtp-failure';
import type { AccountIndexService } from './account-index';
import type { AccountWatch } from './account-watch';
import { limitsOf, type LimitsService, type NoRoom } from '../limits';
import type { NewLogEntry, SendLogService } from './send-log';
import type { SettingsService } from './settings';

export type { EmailProvider };
type StoredAccount = AccountRow;

/** A queued mail whose account's limits cannot be read waits this long. */
const LIMIT_STORE_RETRY_MS = 30_000;

export interface SendOptions {
  /** A campaign/newsletter send: accounts flagged "search first for newsletters" are tried first. */
  newsletter?: boolean;
  /** The list its unsubscribe link names (default `*`: every newsletter). */
  list?: string;
}

/** nodemailer's answer for a delivered mail (and the stock provider's, when it gives one). */
export interface SentInfo {
  response?: string;
  messageId?: string;
  [key: string]: unknown;
}

interface Delivery {
  info: SentInfo;
  /** `suppressed`: a newsletter whose every recipient is on the suppression list (nothing was sent). */
  status: 'sent' | 'fallback' | 'suppressed';
  /** The send-log entry, when it was written at once (resends). */
  logId: number | null;
  /** The account that took it (null: the stock provider). */
  account: Pick<StoredAccount, 'id' | 'email'> | null;
}

/** A queued mail whose account (by the rule) is at its sending limit: try again at `retryAt`. */
export interface Deferral {
  deferred: true;
  accountId: number;
  room: NoRoom;
}

interface DeliverOptions {
  newsletter: boolean;
  /** The list a newsletter's unsubscribe link names. */
  list?: string;
  resendOf?: number | null;
  /** A mail of the campaign queue: limits are asked for room (else only counted), the log entry carries the batch. */
  queued?: {
    batchId: number;
    messageId: string;
    uncertain: boolean;
    overflow: LimitOverflowMode;
    /** Called once the SMTP exchange that took the mail is over (before its log entry is written). */
    onWireEnd?: () => void;
    /** Takes the delivery's send-log entry: the queue writes it with the mail's outcome. */
    keep: (entry: NewLogEntry) => void;
  } | null;
}

/** How a queued mail went: the queue records it on the message's row. */
export type QueuedOutcome =
  | { outcome: 'sent'; account: Pick<StoredAccount, 'id' | 'email'> | null }
  | {
      outcome: 'failed';
      code: string;
      account: Pick<StoredAccount, 'id' | 'email'> | null;
      transient: boolean;
    }
  | { outcome: 'deferred'; deferral: Deferral }
  | { outcome: 'suppressed' };

/**
 * The plugin as Strapi's email provider: every mail's From picks the SMTP account that sends it.
 * A send reads as its steps: check the mail → choose the candidates (the rule) → try them in rule
 * order → fall back → record. `send` is also the documented entry point for campaign modules:
 * `strapi.plugin('smtp-accounts').service('mailer').send(message, { newsletter: true })`.
 */
export const createMailer = (deps: {
  strapi: Core.Strapi;
  config: () => PluginConfig;
  settings: SettingsService;
  index: AccountIndexService;
  connections: Pick<Connections, 'send' | 'formsOf' | 'isIdle'>;
  watch: AccountWatch;
  sendLog: SendLogService;
  limits: LimitsService;
  stock: StockProvider;
  /** What deliverability adds to the send path (deliverability/): suppressions, unsubscribe headers, DKIM, bounces. */
  deliverability: {
    isBulk: (headers: unknown, extraHeaderNames: string) => boolean;
    suppressed: (addresses: readonly string[], list: string) => Promise<Set<string>>;
    unsubscribeHeaders: (address: string, list: string) => Record<string, string>;
    signingFor: (fromDomain: string) => Promise<Mail.Options['dkim'] | null>;
    recordHardBounces: (outcome: unknown, recipients: readonly string[]) => Promise<void>;
  };
}) => {
  const { strapi, config, stock, connections, watch } = deps;
  const emailSettings = stock.emailSettings;
  const index = () => deps.index;
  const limits = () => deps.limits;
  const stockProvider = (): EmailProvider => ({ send: stock.send });

  const withoutFlag = ({ newsletter: _flag, newsletterList: _list, ...options }: EmailOptions) =>
    options;
  const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

  /** A permanent refusal of recipients (a 5xx at RCPT TO, or after DATA naming them) suppresses them (setting). */
  const noteBounces = (outcome: unknown, mail: CheckedMail) => {
    void deps.settings
      .get()
      .then((settings) =>
        settings.suppressHardBounces
          ? deps.deliverability.recordHardBounces(outcome, mail.recipients)
          : undefined
      )
      .catch((error: Error) =>
        strapi.log.warn(`[${PLUGIN_ID}] hard bounces not recorded: ${error.message}`)
      );
  };

  /** Step 2: every account that may send it, in rule order (worked out lazily, one by one). */
  const chooseCandidates = async (
    mail: CheckedMail,
    newsletter: boolean
  ): Promise<Iterable<Resolution<StoredAccount>>> =>
    mail.sender ? candidatesInRuleOrder(await index().get(), mail.sender, newsletter) : [];

  /** One account's try; the attempt lands in the journal, redacted with that account's secrets. */
  const tryAccount = async (
    mail: CheckedMail,
    { account, rule }: Resolution<StoredAccount>,
    journal: Journal
  ) => {
    const tried = Date.now();
    const attempt = { accountId: account.id, accountEmail: account.email, rule };
    try {
      const from = { name: mail.sender!.name || account.name || '', address: mail.sender!.address };
      const dkim = await deps.deliverability.signingFor(domainOf(from.address));
      const message = buildMessage(mail.options, from, mail.recipients, {
        replyTo: emailSettings().defaultReplyTo,
        dkim,
      });
      const info = (await connections.send(account, message)) as SentInfo;
      if (Array.isArray(info.rejectedErrors) && info.rejectedErrors.length) noteBounces(info, mail);
      const response = redactOptional(info.response, connections.formsOf(account)) ?? undefined;
      journal.add({ ...attempt, ok: true, response, durationMs: Date.now() - tried });
      void watch.report(account, { ok: true });
      return { info: { ...info, response } };
    } catch (error) {
      noteBounces(error, mail);
      const failure = describeSmtpFailure(error, connections.formsOf(account));
      const uncertain = mayHaveBeenDelivered(error) || undefined;
      journal.add({
        ...attempt,
        ok: false,
        stage: failure.stage,
        code: failure.code,
        response: failure.detail,
        uncertain,
        durationMs: Date.now() - tried,
      });
      const oauthError = (error as { oauthError?: string }).oauthError;
      void watch.report(
        account,
        needsReauthorization(oauthError)
          ? { reauth: true, reason: oauthError ?? 'invalid_grant' }
          : { ok: false, stage: failure.stage, code: failure.code, reply: failure.detail }
      );
      return { failoverSafe: isFailoverSafe(error) };
    }
  };

  /**
   * The account's limits, asked for room. When the store cannot answer (database or Redis down) the mail
   * waits as if the account were full: sending blind could break the mailbox's limit.
   */
  const askForRoom = async (account: StoredAccount, recipients: number) => {
    try {
      return await limits().take(account, recipients);
    } catch (error) {
      strapi.log.warn(
        `[${PLUGIN_ID}] the sending limits of account #${account.id} could not be read (${(error as Error).message}): its queued mail waits ${LIMIT_STORE_RETRY_MS / 1000} s`
      );
      return {
        ok: false as const,
        retryAt: Date.now() + LIMIT_STORE_RETRY_MS,
        field: 'limitPerMinute' as const,
        points: 1,
        windowMs: LIMIT_STORE_RETRY_MS,
      };
    }
  };

  /** The admitted mail's send has ended: the limits count it from now (see limits.settle). */
  const settleRoom = (account: StoredAccount, ticket: string) =>
    limits()
      .settle(account, ticket)
      .catch((error: Error) =>
        strapi.log.warn(
          `[${PLUGIN_ID}] could not move a mail's count to the end of its send (account #${account.id}): ${error.message}`
        )
      );

  /**
   * Step 3: the candidates in rule order; the next one only when the failed one cannot have taken the mail.
   * A queued mail (`overflow` set) first asks the account's limits for room: with none it waits (`wait`:
   * a deferral) or goes on to the next candidate (`next`), never to an account the rule would not choose.
   * Any other mail is only counted against the limits.
   */
  const tryInRuleOrder = async (
    mail: CheckedMail,
    candidates: Iterable<Resolution<StoredAccount>>,
    journal: Journal,
    overflow: LimitOverflowMode | null
  ): Promise<{ info: SentInfo; rule: string; account: StoredAccount } | Deferral | null> => {
    let full: Deferral | null = null;
    for (const candidate of candidates) {
      const limited = limitsOf(candidate.account).length > 0;
      let ticket: string | null = null;
      if (overflow && limited) {
        const room = await askForRoom(candidate.account, mail.recipients.length);
        // more recipients than the account's limit allows: it can never take this mail (the next candidate may)
        if ('never' in room && room.never) continue;
        if ('retryAt' in room) {
          if (!full || room.retryAt < full.room.retryAt)
            full = { deferred: true, accountId: candidate.account.id, room };
          if (overflow === 'wait') return full;
          continue;
        }
        ticket = room.ticket;
      }
      const outcome = await tryAccount(mail, candidate, journal);
      if (ticket) await settleRoom(candidate.account, ticket);
      if (outcome.info) {
        if (!overflow && limited) {
          limits()
            .count(candidate.account, mail.recipients.length)
            .catch((error: Error) =>
              strapi.log.warn(
                `[${PLUGIN_ID}] could not count a mail against account #${candidate.account.id}'s limits: ${error.message}`
              )
            );
        }
        return { info: outcome.info, rule: candidate.rule, account: candidate.account };
      }
      if (!outcome.failoverSafe) throw await notSent(journal, candidate.rule);
    }
    return full;
  };

  /** Step 4: no account took it: the stock provider, or a refusal (setting `fallback`). */
  const fallBack = async (
    mail: CheckedMail,
    journal: Journal,
    fallback: string
  ): Promise<Delivery> => {
    if (fallback === 'reject') {
      const reason = journal.attempts.length
        ? undefined
        : 'no active SMTP account matches the From, and the fallback setting is "reject"';
      throw await notSent(
        journal,
        journal.attempts.length ? journal.attempts[journal.attempts.length - 1].rule : 'reject',
        reason,
        'ENOACCOUNT'
      );
    }
    const tried = Date.now();
    const attempt = { accountId: null, accountEmail: null, rule: 'fallback' };
    // every candidate failed: say so (a From that matches no account is the fallback's ordinary job)
    if (journal.attempts.length > 0)
      watch.fellBack({ from: mail.fromText, attempts: journal.attempts.length });
    try {
      const options = {
        ...withoutFlag(mail.options),
        from: mail.from ?? undefined,
        replyTo: mail.options.replyTo ?? emailSettings().defaultReplyTo,
      };
      const info = ((await stockProvider().send(options)) ?? {}) as SentInfo;
      const response = stock.redact(info.response) ?? undefined;
      journal.add({ ...attempt, ok: true, response, durationMs: Date.now() - tried });
      return {
        info: { ...info, response },
        status: 'fallback',
        logId: await journal.delivered('fallback', 'fallback'),
        account: null,
      };
    } catch (error) {
      const failure = describeSmtpFailure(error, stock.secretForms());
      journal.add({
        ...attempt,
        ok: false,
        stage: failure.stage,
        code: failure.code,
        response: failure.detail,
        durationMs: Date.now() - tried,
      });
      throw await notSent(journal, 'fallback');
    }
  };

  /** Step 5 for a failure: logged at once; the details go to the server log, the caller gets the entry id. */
  const notSent = async (journal: Journal, rule: string, reason?: string, code?: string) => {
    const logId = await journal.failed(rule, code);
    const summary = journal.summary(reason);
    strapi.log.warn(`[${PLUGIN_ID}] mail not sent (send-log entry #${logId}): ${summary}`);
    return new MailNotSentError(logId, summary, journal.transient());
  };

  /** The whole send; the answer says how it went and, for resends, the new entry's id. */
  const deliver = async (
    options: EmailOptions,
    { newsletter: flagged, list = ALL_NEWSLETTERS, resendOf = null, queued = null }: DeliverOptions
  ): Promise<Delivery | Deferral> => {
    const checked = checkMail(options, emailSettings().defaultFrom, config().maxFromLength);
    const settings = await deps.settings.get();
    // a mail that says it is bulk (List-Unsubscribe, List-Id, Precedence: bulk …) is a newsletter too
    const newsletter =
      flagged || deps.deliverability.isBulk(checked.options.headers, settings.newsletterHeaders);
    const prepared = newsletter
      ? await prepareNewsletter(checked, list)
      : { mail: checked, suppressed: [] };
    const journalOptions = {
      newsletter,
      keepBody: settings.logKeepBodies,
      resendOf,
      immediate: resendOf !== null,
      queued,
    };
    if (!prepared.mail) {
      const logId = await createJournal(checked, deps.sendLog, journalOptions).suppressed(
        prepared.suppressed
      );
      return {
        info: { suppressed: prepared.suppressed },
        status: 'suppressed',
        logId,
        account: null,
      };
    }
    const mail = prepared.mail;
    const journal = createJournal(mail, deps.sendLog, journalOptions);
    const delivered = await tryInRuleOrder(
      mail,
      await chooseCandidates(mail, newsletter),
      journal,
      queued?.overflow ?? null
    );
    if (!delivered) return fallBack(mail, journal, settings.fallback);
    if ('deferred' in delivered) return delivered;
    queued?.onWireEnd?.();
    const { id, email } = delivered.account;
    return {
      info: delivered.info,
      status: 'sent',
      logId: await journal.delivered('sent', delivered.rule),
      account: { id, email },
    };
  };

  /**
   * A newsletter's own step: recipients on the suppression list (for `*` or its list) are left out — none left:
   * nothing is sent — and a mail to one recipient gets the one-click unsubscribe headers for that recipient.
   */
  const prepareNewsletter = async (
    mail: CheckedMail,
    list: string
  ): Promise<{ mail: CheckedMail | null; suppressed: string[] }> => {
    const suppressed = await deps.deliverability.suppressed(mail.recipients, list);
    const remaining = suppressed.size ? withoutRecipients(mail.options, suppressed) : mail.options;
    if (!remaining) return { mail: null, suppressed: [...suppressed] };
    const left = mail.recipients.filter((address) => !suppressed.has(address.toLowerCase()));
    const options =
      left.length === 1
        ? withUnsubscribeHeaders(remaining, deps.deliverability.unsubscribeHeaders(left[0], list))
        : remaining;
    return {
      mail:
        options === mail.options
          ? mail
          : suppressed.size === 0
            ? // only the unsubscribe headers were added (ours): the rest is as checked
              { ...mail, options: { ...options, from: mail.from ?? undefined } }
            : checkMail(
                { ...options, from: mail.from ?? undefined },
                undefined,
                config().maxFromLength
              ),
      suppressed: [...suppressed],
    };
  };

  /** For the callers that never queue: a deferral cannot happen without `queued`. */
  const delivered = (result: Delivery | Deferral): Delivery => {
    if ('deferred' in result)
      throw new errors.ApplicationError('smtp-accounts: a direct send was deferred');
    return result;
  };

  const moduleEnabled = async () => {
    await index().syncIfDue();
    return (await deps.settings.get()).enabled;
  };

  /**
   * Strapi's content-API route `POST /api/email` (users-permissions roles, API tokens): its caller picks the
   * From, so with `contentApiEmail: 'stock'` (the default) it never reaches an account.
   */
  const fromContentApiEmailRoute = () => {
    const route = strapi.requestContext.get()?.state?.route as
      { info?: { type?: string; pluginName?: string }; handler?: string } | undefined;
    return route?.info?.type === 'content-api' && route.info.pluginName === 'email';
  };

  const mailer = {
    /** Keeps the provider Strapi built from `config/plugins` and puts the router in its place. */
    install: () => stock.install(routingProvider),

    uninstall: () => stock.uninstall(routingProvider),

    /**
     * Sends a mail through the account its From picks. Bad input → ValidationError (400, nothing sent);
     * nobody took the mail → MailNotSentError (its message names only the send-log entry).
     */
    async send(
      options: EmailOptions,
      { newsletter = false, list }: SendOptions = {}
    ): Promise<SentInfo | unknown> {
      if (!(await moduleEnabled())) return stockProvider().send(withoutFlag(options));
      if (fromContentApiEmailRoute() && (await deps.settings.get()).contentApiEmail === 'stock')
        return stockProvider().send(withoutFlag(options));
      const newsletterList =
        typeof options?.newsletterList === 'string' ? options.newsletterList : undefined;
      return delivered(await deliver(options, { newsletter, list: list ?? newsletterList })).info;
    },

    /**
     * One mail of the campaign queue (services/queue): routed by the same rule, within the accounts'
     * limits, logged with its batch and Message-ID once the log entry is written. Never throws for the
     * mail itself: the outcome says sent, failed (with a code) or deferred (the account is at its limit).
     */
    async sendQueued(
      options: EmailOptions,
      queued: {
        newsletter: boolean;
        list?: string;
        batchId: number;
        messageId: string;
        uncertain: boolean;
        /** The SMTP exchange that took the mail is over: the rest is writing its log entry (see DeliverOptions). */
        onWireEnd?: () => void;
        /** Takes the delivery's send-log entry (sent or fallback): the queue writes it with the outcome. */
        keepLog: (entry: NewLogEntry) => void;
      }
    ): Promise<QueuedOutcome> {
      const { newsletter, list, keepLog, ...rest } = queued;
      const message = { ...options, messageId: options.messageId ?? queued.messageId };
      if (!(await moduleEnabled())) {
        try {
          await stockProvider().send(withoutFlag(message));
          return { outcome: 'sent', account: null };
        } catch {
          return {
            outcome: 'failed',
            code: 'STOCK_PROVIDER_FAILED',
            account: null,
            transient: false,
          };
        }
      }
      try {
        const { limitOverflow } = await deps.settings.get();
        const result = await deliver(message, {
          newsletter,
          list,
          queued: { ...rest, keep: keepLog, overflow: limitOverflow },
        });
        if ('deferred' in result) return { outcome: 'deferred', deferral: result };
        if (result.status === 'suppressed') return { outcome: 'suppressed' };
        return { outcome: 'sent', account: result.account };
      } catch (error) {
        if (isMailNotSent(error))
          return {
            outcome: 'failed',
            code: 'MAIL_NOT_SENT',
            account: null,
            transient: error.transient === true,
          };
        if (error instanceof errors.ValidationError) {
          const code = (error.details as { code?: string } | undefined)?.code ?? 'INVALID_MESSAGE';
          return { outcome: 'failed', code, account: null, transient: false };
        }
        throw error;
      }
    },

    /**
     * Sends a logged mail again, for an admin holding `log.resend`: only a failed entry with a kept
     * body, at most once (see sendLog.claimForResend). The new send is an entry of its own, linked by
     * `resendOf`. Its failure is answered in detail (stages and replies, no secrets): the admin may see the log.
     */
    async resend(logId: number) {
      if (!(await moduleEnabled())) {
        throw new errors.ValidationError(
          'The module is switched off: switch it on to resend through the SMTP accounts.',
          { code: 'MODULE_OFF' }
        );
      }
      const body = await deps.sendLog.claimForResend(logId);
      try {
        const { status, logId: newId } = delivered(
          await deliver(body as EmailOptions, {
            newsletter: body.newsletter === true,
            resendOf: logId,
          })
        );
        return { status, logId: newId as number };
      } catch (error) {
        if (!isMailNotSent(error)) throw error;
        throw new errors.ValidationError(
          `The resent mail could not be sent either (send-log entry #${error.logId}): ${error.summary}`,
          {
            code: 'MAIL_NOT_SENT',
            logId: error.logId,
          }
        );
      }
    },

    /** The routing preview: which account would send a mail with this From, and by which step. */
    async preview(
      from: FromInput,
      newsletter: boolean
    ): Promise<{
      account: Pick<StoredAccount, 'id' | 'name' | 'email'> | null;
      rule: ResolveRule;
    }> {
      if (!(await moduleEnabled())) return { account: null, rule: 'module-off' };
      const sender = parseFrom(from);
      const chosen = sender ? resolveAccount(await index().get(), sender, newsletter) : null;
      if (chosen) {
        const { id, name, email } = chosen.account;
        return { account: { id, name: name ?? '', email }, rule: chosen.rule };
      }
      const { fallback } = await deps.settings.get();
      return { account: null, rule: fallback === 'reject' ? 'reject' : 'fallback' };
    },
  };

  /**
   * Strapi's email controllers (`POST /email`, `/email/test`, the content API's `/api/email`) answer an error
   * with `statusCode: 400` as a 400 with its message, anything else as a 500: a refused mail (bad input, or no
   * account took it — the message names only the send-log entry) is the caller's 400.
   */
  const asBadRequest = (error: unknown) => {
    if (error instanceof errors.ApplicationError) Object.assign(error, { statusCode: 400 });
    throw error;
  };

  const routingProvider: EmailProvider = {
    send: (options) =>
      mailer.send(options, { newsletter: options?.newsletter === true }).catch(asBadRequest),
    async verify() {
      const settings = await deps.settings.get();
      if (!settings.enabled) return stock.installed?.verify?.();
      const accounts = await index().get();
      if (accounts.size === 0 && settings.fallback === 'reject') {
        throw new errors.ApplicationError(
          'smtp-accounts: no active SMTP account, and the fallback is "reject"',
          { code: 'ENOACCOUNT' }
        );
      }
      return true;
    },
    isIdle: () => connections.isIdle() && (stock.installed?.isIdle?.() ?? true),
    getCapabilities: () => ({
      provider: PLUGIN_ID,
      features: ['routing-by-from', 'pool', 'newsletter-flag'],
      stock: stock.installed?.getCapabilities?.(),
    }),
  };

  return mailer;
};

export type MailerService = ReturnType<typeof createMailer>;
