import accounts from './accounts';
import oauth from './oauth';
import resolve from './resolve';
import sendLog from './send-log';
import settings from './settings';

export default { accounts, oauth, resolve, sendLog, settings };
