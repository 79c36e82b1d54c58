import accountHealth from './account-health';
import accountIndex from './account-index';
import accountWatch from './account-watch';
import accounts from './accounts';
import mailer from './mailer';
import oauth from './oauth';
import saveGuard from './save-guard';
import secrets from './secrets';
import sendLog from './send-log';
import settings from './settings';

export default { accountHealth, accountIndex, accountWatch, accounts, mailer, oauth, saveGuard, secrets, sendLog, settings };
