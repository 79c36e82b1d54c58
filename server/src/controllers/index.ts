import accounts from './accounts';
import health from './health';
import resolve from './resolve';
import sendLog from './send-log';
import settings from './settings';

export default { accounts, health, resolve, sendLog, settings };
