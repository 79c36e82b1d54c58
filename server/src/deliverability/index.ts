import type { Core } from '@strapi/strapi';
import { WEBHOOK_EVENTS } from '../../../shared/constants';
import { ALL_NEWSLETTERS, type DomainCheck } from '../../../shared/contracts/deliverability';
import type { PluginConfig } from '../config';
import { createDnsClient } from './dns-client';
import { checkDomain } from './domain-check';
import { createDomains, type KeySealer } from './domains';
import { hardBounces, isBulkByHeaders } from './signals';
import { createSuppressions } from './suppressions';
import { createUnsubscribe } from './unsubscribe';

/**
 * Newsletters the big mailbox providers accept: DKIM keys per sending domain (signing), the domain check
 * (SPF, DKIM, DMARC, alignment), one-click unsubscribe links, the suppression list, hard bounces, and the
 * newsletter signal read from a mail's own headers. The send path asks it through the functions below.
 */
export const createDeliverability = (deps: {
  strapi: Core.Strapi;
  config: () => PluginConfig;
  keys: KeySealer & { mac: (purpose: string, data: string) => string };
  /** The address an account's host is reached at (the `hosts` policy's answer), for SPF. */
  addressOf: (host: string) => Promise<string | null>;
}) => {
  const { strapi, config } = deps;
  const suppressions = createSuppressions({
    strapi,
    onAdded: (suppression) =>
      strapi.eventHub.emit(WEBHOOK_EVENTS.suppressionAdded, { suppression }),
  });
  const domains = createDomains({
    strapi,
    keys: deps.keys,
    syncMs: () => config().sync.intervalMs,
  });
  const unsubscribe = createUnsubscribe({
    mac: (data) => deps.keys.mac('unsubscribe', data),
    baseUrl: () =>
      config().unsubscribe.baseUrl ||
      String(strapi.config.get('server.absoluteUrl') || strapi.config.get('server.url') || ''),
    mailto: () => config().unsubscribe.mailto,
  });
  const dns = () => createDnsClient(config().dns);

  return {
    suppressions,
    domains,
    unsubscribe,

    /** The domain check of an account: its From domain, its server's address, this app's key for the domain. */
    async checkAccount(account: { email: string; host: string }): Promise<DomainCheck> {
      const domain = account.email.split('@').pop()!.toLowerCase();
      const [ip, dkim] = await Promise.all([
        deps.addressOf(account.host),
        domains.publicKey(domain),
      ]);
      return checkDomain({ domain, ip, dkim }, dns());
    },

    /** Whether a mail's own headers mark it as bulk mail (for clients that cannot pass the newsletter flag). */
    isBulk: (headers: unknown, extra: string) => isBulkByHeaders(headers, extra.split(',')),

    /** Suppresses the recipients a server refused for good (setting `suppressHardBounces`). */
    async recordHardBounces(outcome: unknown, recipients: readonly string[]) {
      for (const { address, reply } of hardBounces(outcome, recipients)) {
        try {
          await suppressions.add({
            address,
            scope: ALL_NEWSLETTERS,
            reason: 'bounce',
            detail: reply,
          });
        } catch (error) {
          strapi.log.warn(
            `[smtp-accounts] could not suppress the hard bounce of ${address}: ${(error as Error).message}`
          );
        }
      }
    },
  };
};

export type Deliverability = ReturnType<typeof createDeliverability>;
