import accounts from './accounts';
import health from './health';
import oauth from './oauth';
import resolve from './resolve';
import sendLog from './send-log';
import settings from './settings';

export default { accounts, health, oauth, resolve, sendLog, settings };
