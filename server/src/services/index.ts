import type { Core } from '@strapi/strapi';
import { runtimeOf } from '../runtime';

type Factory<T> = ({ strapi }: { strapi: Core.Strapi }) => T;
const part =
  <T>(pick: (runtime: ReturnType<typeof runtimeOf>) => T): Factory<T> =>
  ({ strapi }) =>
    pick(runtimeOf(strapi));

/**
 * The plugin's services as Strapi's registry serves them (`strapi.plugin('smtp-accounts').service(name)`):
 * the documented entry points (`mailer`, `queue`) and the ones tests, benches and the rekey command use.
 * Each is a part of the runtime (see runtime.ts); the parts never look each other up through here.
 */
export default {
  accounts: part((r) => r.accounts.admin),
  accountHealth: part((r) => r.health),
  accountIndex: part((r) => r.index),
  accountWatch: part((r) => r.watch),
  limits: part((r) => r.limits),
  mailer: part((r) => r.mailer),
  queue: part((r) => r.queue),
  sendLog: part((r) => r.sendLog),
  settings: part((r) => r.settings),
  /** The suppression list (newsletter mail skips its addresses): `suppressed(addresses)`, `add`, `remove`, `list`. */
  suppressions: part((r) => r.deliverability.suppressions),
  /** OAuth2 access tokens by account id (tests and the two-process check). */
  oauth: part((r) => ({
    accessToken: async (accountId: number, renew = false) =>
      r.accounts.tokens.accessToken(await r.accounts.store.get(accountId), renew),
  })),
  /**
   * The one place where a secret becomes a connection (accounts/connection.ts), for server code that checks
   * an account as the plugin would; every use opens the secret for the account's own destination only.
   */
  connections: part((r) => r.accounts.connections),
  /** The `smtp-accounts-rekey` command and the start-up warning. */
  secrets: part((r) => ({
    rekey: async (oldKey: string, newKey: string) => {
      const accounts = await r.accounts.store.rekey(oldKey, newKey);
      const domains = await r.deliverability.domains.rekey(oldKey, newKey);
      return {
        reencrypted: accounts.reencrypted + domains.reencrypted,
        alreadyNew: accounts.alreadyNew + domains.alreadyNew,
      };
    },
    findUnreadable: () => r.accounts.store.unreadable(),
  })),
};
