import batch from './batch/schema';
import queuedMail from './queued-mail/schema';
import sendLog from './send-log/schema';
import smtpAccount from './smtp-account';

export default {
  'smtp-account': smtpAccount,
  'send-log': { schema: sendLog },
  batch: { schema: batch },
  'queued-mail': { schema: queuedMail },
};
