import { errors } from '@strapi/utils';
import { HostDeniedError, HostUnresolvedError } from '../transport/host-policy';

/**
 * The admin's 400 for a host the account may not use: `HOST_DENIED` when the plugin's `hosts` policy
 * refuses it, `HOST_UNRESOLVED` when the name has no address (a typo is not a policy question).
 * Anything else is not a refusal and is thrown as it is.
 */
export const hostRefusal = (error: unknown, field = 'host'): Error => {
  if (error instanceof HostDeniedError)
    return new errors.ValidationError(error.message, { code: 'HOST_DENIED', field });
  if (error instanceof HostUnresolvedError)
    return new errors.ValidationError(error.message, { code: 'HOST_UNRESOLVED', field });
  return error as Error;
};
