import { PLUGIN_ID } from '../../../shared/constants';

const ROOT = `/plugins/${PLUGIN_ID}`;

/** Every page of the plugin in the panel (the routes of pages/App.tsx), as the address a link or navigate() takes. */
export const panelPaths = {
  accounts: ROOT,
  newAccount: `${ROOT}/new`,
  account: (id: number | string) => `${ROOT}/${id}`,
  routing: `${ROOT}/routing`,
  /** The send log, with address-bar filters (utils/logFilters reads them back). */
  log: (filters?: URLSearchParams | Record<string, string>) => {
    const query = new URLSearchParams(filters).toString();
    return query ? `${ROOT}/log?${query}` : `${ROOT}/log`;
  },
  campaigns: `${ROOT}/campaigns`,
  campaign: (id: number) => `${ROOT}/campaigns/${id}`,
  /** Sending domains and their DKIM keys; `add` opens "Add domain" with that domain filled in. */
  deliverability: (add?: string) =>
    add ? `${ROOT}/deliverability?${new URLSearchParams({ add })}` : `${ROOT}/deliverability`,
  suppressions: `${ROOT}/suppressions`,
  /** Where the OAuth2 provider sends the admin back (server/src/services/oauth.ts, CALLBACK_PATH). */
  oauthCallback: `${ROOT}/oauth/callback`,
  /** Settings → SMTP accounts (the module switch), registered by index.ts. */
  settings: `/settings/${PLUGIN_ID}`,
} as const;
