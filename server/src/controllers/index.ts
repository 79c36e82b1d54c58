import accounts from './accounts';
import campaigns from './campaigns';
import health from './health';
import oauth from './oauth';
import resolve from './resolve';
import sendLog from './send-log';
import settings from './settings';

export default { accounts, campaigns, health, oauth, resolve, sendLog, settings };
