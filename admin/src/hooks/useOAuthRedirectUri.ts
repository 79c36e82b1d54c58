import { useHref } from 'react-router-dom';
import { panelPaths } from '../utils/panelPaths';

/**
 * The redirect URI to register with the provider and to send on Connect: this admin's origin, its
 * path (the router's basename, `/admin` by default) and the plugin's callback page, without a query.
 */
export const useOAuthRedirectUri = () =>
  `${window.location.origin}${useHref(panelPaths.oauthCallback)}`;
