import { PLUGIN_ID } from '../../../shared/constants';

/** The panel route the provider sends the admin back to (server/src/services/oauth.ts, CALLBACK_PATH). */
export const OAUTH_CALLBACK_ROUTE = `/plugins/${PLUGIN_ID}/oauth/callback`;

/** sessionStorage key: the account whose Connect is under way (the callback page links back to it). */
export const OAUTH_PENDING_ACCOUNT_KEY = `${PLUGIN_ID}.oauth.account`;
