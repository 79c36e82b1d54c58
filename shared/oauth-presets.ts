import type { OAuthProvider, SecurityMode } from './constants';

/** The account fields that say where OAuth2 talks to. */
export interface OAuthSettings {
  oauthProvider?: OAuthProvider | null;
  oauthTenant?: string | null;
  oauthAuthorizeUrl?: string | null;
  oauthTokenUrl?: string | null;
  oauthScope?: string | null;
}

export interface OAuthEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  scope: string;
  /** Extra authorization parameters the provider needs to hand out a refresh token. */
  authorizeParams: Record<string, string>;
}

/** Provider presets: endpoints, scope, and the SMTP server the form fills in. */
export const OAUTH_PRESETS = {
  microsoft: {
    label: 'Microsoft 365',
    authorizeUrl: (tenant: string) =>
      `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0/authorize`,
    tokenUrl: (tenant: string) =>
      `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0/token`,
    scope: 'https://outlook.office.com/SMTP.Send offline_access',
    authorizeParams: {} as Record<string, string>,
    smtp: { host: 'smtp.office365.com', port: 587, security: 'starttls' as SecurityMode },
  },
  google: {
    label: 'Google',
    authorizeUrl: () => 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: () => 'https://oauth2.googleapis.com/token',
    scope: 'https://mail.google.com/',
    // Google gives a refresh token only for offline access, and again only with a fresh consent
    authorizeParams: { access_type: 'offline', prompt: 'consent' } as Record<string, string>,
    smtp: { host: 'smtp.gmail.com', port: 465, security: 'ssl' as SecurityMode },
  },
} as const;

/** Where this account's OAuth2 flow and refreshes go (a preset, or the account's own URLs for `generic`). */
export const endpointsOf = (account: OAuthSettings): OAuthEndpoints => {
  const provider = account.oauthProvider ?? 'generic';
  if (provider === 'generic') {
    return {
      authorizeUrl: account.oauthAuthorizeUrl ?? '',
      tokenUrl: account.oauthTokenUrl ?? '',
      scope: account.oauthScope ?? '',
      authorizeParams: {},
    };
  }
  const preset = OAUTH_PRESETS[provider];
  const tenant = account.oauthTenant || 'common';
  return {
    authorizeUrl: preset.authorizeUrl(tenant),
    tokenUrl: preset.tokenUrl(tenant),
    scope: account.oauthScope || preset.scope,
    authorizeParams: preset.authorizeParams,
  };
};
