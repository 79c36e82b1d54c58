import { PLUGIN_ID } from '../../../shared/constants';

/** sessionStorage key: the account whose Connect is under way (the callback page links back to it). */
export const OAUTH_PENDING_ACCOUNT_KEY = `${PLUGIN_ID}.oauth.account`;
