import batch from './batch/schema';
import queuedMail from './queued-mail/schema';
import sendLog from './send-log/schema';
import sendingDomain from './sending-domain/schema';
import suppression from './suppression/schema';
import smtpAccount from './smtp-account';

export default {
  'smtp-account': smtpAccount,
  'send-log': { schema: sendLog },
  batch: { schema: batch },
  'queued-mail': { schema: queuedMail },
  suppression: { schema: suppression },
  'sending-domain': { schema: sendingDomain },
};
