import accounts from './accounts';
import resolve from './resolve';
import sendLog from './send-log';
import settings from './settings';

export default { accounts, resolve, sendLog, settings };
