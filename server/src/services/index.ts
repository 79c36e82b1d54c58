import accountHealth from './account-health';
import accountIndex from './account-index';
import accountWatch from './account-watch';
import accounts from './accounts';
import limits from './limits';
import mailer from './mailer';
import oauth from './oauth';
import queue from './queue';
import saveGuard from './save-guard';
import secrets from './secrets';
import sendLog from './send-log';
import settings from './settings';

export default { accountHealth, accountIndex, accountWatch, accounts, limits, mailer, oauth, queue, saveGuard, secrets, sendLog, settings };
