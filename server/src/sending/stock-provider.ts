import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { redactOptional, secretForms, type Credentials } from '../redaction/redact';
import type { EmailOptions } from '../transport/message';

/** The provider interface of Strapi's email plugin (send is required, the rest optional). */
export interface EmailProvider {
  send(options: EmailOptions): Promise<unknown>;
  verify?(): Promise<unknown>;
  isIdle?(): boolean;
  getCapabilities?(): unknown;
  close?(): void;
}

export interface EmailPluginSettings {
  defaultFrom?: string;
  defaultReplyTo?: string;
}

/**
 * The provider configured in `config/plugins` (the "stock provider"): it sends while the module is off,
 * takes the fallback, and carries alert mails. `install` puts the router in its place in the email plugin
 * and keeps it here.
 */
export const createStockProvider = (strapi: Core.Strapi) => {
  let stock: EmailProvider | null = null;
  let forms: string[] | null = null;
  const email = () => strapi.plugin('email') as unknown as { provider: EmailProvider };
  const emailSettings = () =>
    (strapi.config.get('plugin::email.settings') ?? {}) as EmailPluginSettings;

  const provider = (): EmailProvider => {
    if (!stock)
      throw new errors.ApplicationError(
        'smtp-accounts: the stock email provider is not installed yet'
      );
    return stock;
  };

  return {
    emailSettings,

    /** Keeps the provider Strapi built from `config/plugins` and puts the router in its place. */
    install(router: EmailProvider) {
      if (email().provider === router) return;
      stock = email().provider;
      email().provider = router;
    },

    uninstall(router: EmailProvider) {
      if (stock && email().provider === router) email().provider = stock;
    },

    get installed() {
      return stock;
    },

    send: (options: EmailOptions) => provider().send(options),

    /** The stock provider's own password, cut out of its errors like ours. */
    secretForms: () =>
      (forms ??= secretForms(
        (strapi.config.get('plugin::email.providerOptions.auth') ?? {}) as Credentials
      )),

    redact: (text: string | null | undefined) =>
      redactOptional(
        text,
        (forms ??= secretForms(
          (strapi.config.get('plugin::email.providerOptions.auth') ?? {}) as Credentials
        ))
      ),

    /** For alerts: a mail through the stock provider from `defaultFrom`, never through an account. */
    async sendAlert(mail: { to: string[]; subject: string; text: string }) {
      const from = emailSettings().defaultFrom;
      if (!from)
        throw new errors.ApplicationError(
          'the email plugin has no settings.defaultFrom to send alerts from'
        );
      return provider().send({ ...mail, from, replyTo: emailSettings().defaultReplyTo });
    },
  };
};

export type StockProvider = ReturnType<typeof createStockProvider>;
