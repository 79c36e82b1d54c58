import sendLog from './send-log/schema';
import smtpAccount from './smtp-account';

export default { 'smtp-account': smtpAccount, 'send-log': { schema: sendLog } };
