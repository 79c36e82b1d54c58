import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../../../shared/constants';
import type { ResolveRule } from '../../../shared/contracts/resolve';
import { parseFrom, type FromInput } from '../routing/parse-from';
import { resolveAccount, type Resolution } from '../routing/resolve-account';
import { buildMessage, type EmailOptions } from '../transport/message';
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
      const settings = await plugin().service('settings').get();
      if (!settings.enabled) return stockProvider().send(withoutFlag(options));

      const defaults = emailSettings();
      const from = options.from ?? defaults.defaultFrom;
      const sender = parseFrom(from);
      const chosen = sender ? resolveAccount(await plugin().service('accountIndex').get(), sender, newsletter) : null;

      if (!chosen || !sender) {
        if (settings.fallback === 'reject') {
          throw new errors.ApplicationError(
            `No active SMTP account matches the From "${typeof from === 'string' ? from : from?.address ?? ''}"; the fallback setting is "reject".`
          );
        }
        return stockProvider().send({ ...withoutFlag(options), from: options.from ?? defaults.defaultFrom, replyTo: options.replyTo ?? defaults.defaultReplyTo });
      }

      const message = buildMessage(
        options,
        { name: sender.name || chosen.account.name || '', address: sender.address },
        { replyTo: defaults.defaultReplyTo }
      );
      return plugin().service('accountIndex').transportFor(chosen.account).sendMail(message);
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
