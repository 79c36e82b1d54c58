import canSendThroughAccounts from './can-send-through-accounts';

/** Referenced in routes as `plugin::smtp-accounts.<name>`. */
export default { canSendThroughAccounts };
