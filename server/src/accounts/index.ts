import type { Core } from '@strapi/strapi';
import type { ModuleSettings } from '../../../shared/contracts/settings';
import type { PluginConfig } from '../config';
import { createHostAdmission } from '../transport/host-policy';
import { createAccountsAdmin, type TestMailOutcome } from './admin-api';
import { createConnections } from './connection';
import { createDocumentGuard } from './document-guard';
import { createKeyring } from './keyring';
import { createOAuthConnect } from './oauth-connect';
import { createOAuthTokens } from './oauth-tokens';
import { createSaveGuard } from './save-guard';
import { createAccountStore } from './store';

/**
 * Accounts and their credentials, with one owner: `store` is the only code that reads or writes the
 * table, `connections` (SMTP) and `tokens` (the OAuth2 token endpoint) the only code that opens a secret,
 * always for the destination it was sealed for. Everything else gets what it needs from here.
 */
export const createAccounts = (deps: {
  strapi: Core.Strapi;
  config: () => PluginConfig;
  settings: () => Promise<ModuleSettings>;
  recordTestMail: (outcome: TestMailOutcome) => Promise<number>;
}) => {
  const { strapi, config, settings } = deps;
  const keyring = createKeyring(
    () => config().encryptionKey || strapi.config.get<string>('admin.secrets.encryptionKey')
  );
  const store = createAccountStore(strapi, keyring);
  const hosts = createHostAdmission(() => config().hosts);
  const tokens = createOAuthTokens({
    store,
    keyring,
    config: () => config().oauth,
    admit: (host) => hosts.admit(host),
  });
  const connections = createConnections({ keyring, tokens, hosts, config });
  const saveGuard = createSaveGuard({ strapi, store, keyring, connections, settings });
  const oauth = createOAuthConnect({
    strapi,
    store,
    keyring,
    tokens,
    connections,
    config: () => config().oauth,
    verifyTimeoutMs: async () => (await settings()).verifyTimeoutMs,
  });
  const admin = createAccountsAdmin({
    store,
    keyring,
    connections,
    settings,
    recordTestMail: deps.recordTestMail,
  });
  // a changed account: its access tokens in memory are dropped (they are kept per destination anyway)
  store.onChange(({ accountId }) => tokens.forget(accountId));

  return {
    keyring,
    store,
    connections,
    tokens,
    oauth,
    admin,
    /** The document-service middleware: sealed secrets refused, clones and saves verified (register.ts installs it). */
    documentGuard: createDocumentGuard(saveGuard),
    /** Whether this account can sign in as stored: no secret it needs is missing or sealed for somewhere else. */
    credentialsUsable: (
      row: Parameters<typeof keyring.state>[0] & { authType: string; password?: string | null }
    ) => {
      const state = keyring.state(row);
      if (state === 'unreadable') return false;
      return row.authType === 'none' || row.authType === 'oauth2' || state === 'ok';
    },
  };
};

export type Accounts = ReturnType<typeof createAccounts>;
export type { AccountRow, AccountRef } from './row';
export type { Connections } from './connection';
export type { TestMailOutcome } from './admin-api';
export { purposeBinding } from './keyring';
export { SMTP_ACCOUNT_UID } from './store';
export type { AccountStore } from './store';
