import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import addressparser from 'nodemailer/lib/addressparser';
import { PLUGIN_ID, type SendStatus } from '../../../shared/constants';
import type { ResolveRule } from '../../../shared/contracts/resolve';
import type { SendAttempt } from '../../../shared/contracts/send-log';
import { parseFrom, type FromInput } from '../routing/parse-from';
import { candidatesInRuleOrder, resolveAccount, type Resolution } from '../routing/resolve-account';
import { buildMessage, findSendProblems, listRecipients, type EmailOptions } from '../transport/message';
import { describeSmtpFailure, isFailoverSafe } from '../transport/smtp-failure';
import type { StoredAccount } from './accounts';

/** The provider interface of Strapi's email plugin (send is required, the rest optional). */
export interface EmailProvider {
  send(options: EmailOptions): Promise<unknown>;
  verify?(): Promise<unknown>;
  isIdle?(): boolean;
  getCapabilities?(): unknown;
  close?(): void;
}

interface EmailPluginSettings {
  defaultFrom?: string;
  defaultReplyTo?: string;
}

export interface SendOptions {
  /** A campaign/newsletter send: accounts flagged "search first for newsletters" are tried first. */
  newsletter?: boolean;
}

/** What the log keeps for a resend: the message's JSON-safe fields (attachments are not kept). */
const keptBody = (options: EmailOptions, newsletter: boolean) => {
  const { from, to, cc, bcc, replyTo, subject, text, html } = options;
  return JSON.parse(JSON.stringify({ from, to, cc, bcc, replyTo, subject, text, html, newsletter })) as Record<string, unknown>;
};

/** The caller's error when no account (nor the stock provider) took the mail: every attempt, no secrets. */
const sendFailed = (from: string, attempts: SendAttempt[]) => {
  const tried = attempts
    .map((a) => `${a.accountId ? `account #${a.accountId} <${a.accountEmail}>` : 'the stock provider'}: ${a.stage ?? 'unknown'} ${a.code ?? ''} ${a.response ?? ''}`.trim())
    .join('; ');
  return new errors.ApplicationError(`The mail from "${from}" could not be sent (${tried})`, { attempts });
};

/**
 * The plugin as Strapi's email provider: every mail's From picks the SMTP account that sends it.
 * `send` is also the documented entry point for campaign modules:
 * `strapi.plugin('smtp-accounts').service('mailer').send(message, { newsletter: true })`.
 */
const createMailerService = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin(PLUGIN_ID);
  const emailSettings = () => (strapi.config.get('plugin::email.settings') ?? {}) as EmailPluginSettings;
  let stock: EmailProvider | null = null;

  const stockProvider = (): EmailProvider => {
    if (!stock) throw new errors.ApplicationError('smtp-accounts: the stock email provider is not installed yet');
    return stock;
  };

  const choose = async (from: FromInput, newsletter: boolean): Promise<Resolution<StoredAccount> | null> => {
    await plugin().service('accountIndex').syncIfDue();
    const sender = parseFrom(from);
    if (!sender) return null;
    const index = await plugin().service('accountIndex').get();
    return resolveAccount(index, sender, newsletter);
  };

  const withoutFlag = ({ newsletter: _flag, ...options }: EmailOptions) => options;

  const mailer = {
    /** Keeps the provider Strapi built from `config/plugins` and puts the router in its place. */
    install() {
      const email = strapi.plugin('email') as unknown as { provider: EmailProvider };
      if (email.provider === routingProvider) return;
      stock = email.provider;
      email.provider = routingProvider;
    },

    uninstall() {
      const email = strapi.plugin('email') as unknown as { provider: EmailProvider };
      if (stock && email.provider === routingProvider) email.provider = stock;
    },

    async send(options: EmailOptions, { newsletter = false }: SendOptions = {}) {
      await plugin().service('accountIndex').syncIfDue();
      const settings = await plugin().service('settings').get();
      if (!settings.enabled) return stockProvider().send(withoutFlag(options));

      const defaults = emailSettings();
      const from = options?.from ?? defaults.defaultFrom;
      const fromText = typeof from === 'string' ? from : from ? `${from.name ?? ''} <${from.address}>`.trim() : '';
      const sender = parseFrom(from);
      const recipients = listRecipients(options, (text) => addressparser(text, { flatten: true }));
      const problems = findSendProblems(options, recipients);
      if (!sender && from && !problems.some((p) => p.startsWith('from'))) problems.unshift(`from "${fromText}" is not a single valid sender address`);
      if (sender && /[\r\n]/.test(sender.name)) problems.unshift('the From name must not contain line breaks');
      if (problems.length) throw new errors.ValidationError(`Mail not sent: ${problems.join('; ')}`);

      const started = Date.now();
      const log = plugin().service('sendLog');
      const attempts: SendAttempt[] = [];
      const entry = (status: SendStatus, last: Partial<SendAttempt> & { rule: string }, extra: { response?: string | null; errorCode?: string | null } = {}) =>
        log.record({
          from: fromText,
          recipientsCount: recipients.length,
          firstRecipient: recipients[0] ?? '',
          subject: typeof options.subject === 'string' ? options.subject : '',
          newsletter,
          accountId: last.accountId ?? null,
          accountEmail: last.accountEmail ?? null,
          rule: last.rule,
          status,
          attempts: attempts.length,
          attemptLog: attempts,
          response: extra.response ?? null,
          errorCode: extra.errorCode ?? null,
          durationMs: Date.now() - started,
          body: settings.logKeepBodies ? keptBody(options, newsletter) : null,
        });

      // lazily: the next candidate is only worked out when the one before has failed
      const candidates = sender ? candidatesInRuleOrder(await plugin().service('accountIndex').get(), sender, newsletter) : [];
      for (const { account, rule } of candidates) {
        const tried = Date.now();
        const attempt = { accountId: account.id, accountEmail: account.email, rule };
        try {
          const message = buildMessage(options, { name: sender!.name || account.name || '', address: sender!.address }, { replyTo: defaults.defaultReplyTo });
          const info = await plugin().service('accountIndex').transportFor(account).sendMail(message);
          attempts.push({ ...attempt, ok: true, response: info.response, durationMs: Date.now() - tried });
          entry('sent', attempt, { response: info.response });
          return info;
        } catch (error) {
          const failure = describeSmtpFailure(error);
          attempts.push({ ...attempt, ok: false, stage: failure.stage, code: failure.code, response: failure.detail, durationMs: Date.now() - tried });
          if (!isFailoverSafe(error)) {
            entry('failed', attempt, { response: failure.detail, errorCode: failure.code });
            throw sendFailed(fromText, attempts);
          }
        }
      }

      if (settings.fallback === 'reject') {
        const last = attempts[attempts.length - 1];
        entry('failed', { ...last, rule: last ? last.rule : 'reject' }, { response: last?.response ?? null, errorCode: last?.code ?? 'ENOACCOUNT' });
        if (!last) {
          throw new errors.ApplicationError(`No active SMTP account matches the From "${fromText}"; the fallback setting is "reject".`);
        }
        throw sendFailed(fromText, attempts);
      }

      const tried = Date.now();
      try {
        const info = (await stockProvider().send({ ...withoutFlag(options), from, replyTo: options.replyTo ?? defaults.defaultReplyTo })) as { response?: string } | undefined;
        attempts.push({ accountId: null, accountEmail: null, rule: 'fallback', ok: true, response: info?.response, durationMs: Date.now() - tried });
        entry('fallback', { rule: 'fallback' }, { response: info?.response ?? null });
        return info;
      } catch (error) {
        const failure = describeSmtpFailure(error);
        attempts.push({ accountId: null, accountEmail: null, rule: 'fallback', ok: false, stage: failure.stage, code: failure.code, response: failure.detail, durationMs: Date.now() - tried });
        entry('failed', { rule: 'fallback' }, { response: failure.detail, errorCode: failure.code });
        throw sendFailed(fromText, attempts);
      }
    },

    /** Sends a logged mail again (its body must have been kept). */
    async resend(logId: number) {
      const body = await plugin().service('sendLog').findBody(logId);
      await mailer.send(body as EmailOptions, { newsletter: body.newsletter === true });
      return { status: 'sent' as const };
    },

    /** The routing preview: which account would send a mail with this From, and by which step. */
    async preview(from: FromInput, newsletter: boolean): Promise<{ account: Pick<StoredAccount, 'id' | 'name' | 'email'> | null; rule: ResolveRule }> {
      const chosen = await choose(from, newsletter);
      if (chosen) {
        const { id, name, email } = chosen.account;
        return { account: { id, name: name ?? '', email }, rule: chosen.rule };
      }
      const { fallback } = await plugin().service('settings').get();
      return { account: null, rule: fallback === 'reject' ? 'reject' : 'fallback' };
    },
  };

  const routingProvider: EmailProvider = {
    send: (options) => mailer.send(options, { newsletter: options?.newsletter === true }),
    async verify() {
      const settings = await plugin().service('settings').get();
      if (!settings.enabled) return stockProvider().verify?.();
      const index = await plugin().service('accountIndex').get();
      if (index.size === 0 && settings.fallback === 'reject') {
        throw new errors.ApplicationError('smtp-accounts: no active SMTP account, and the fallback is "reject"');
      }
      return true;
    },
    isIdle: () => plugin().service('accountIndex').transportsIdle() && (stock?.isIdle?.() ?? true),
    getCapabilities: () => ({
      provider: PLUGIN_ID,
      features: ['routing-by-from', 'pool', 'newsletter-flag'],
      stock: stock?.getCapabilities?.(),
    }),
  };

  return mailer;
};

export type MailerService = ReturnType<typeof createMailerService>;
export default createMailerService;
