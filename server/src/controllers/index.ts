import accounts from './accounts';
import campaigns from './campaigns';
import deliverability from './deliverability';
import health from './health';
import oauth from './oauth';
import resolve from './resolve';
import sendLog from './send-log';
import settings from './settings';
import unsubscribe from './unsubscribe';

export default {
  accounts,
  campaigns,
  deliverability,
  unsubscribe,
  health,
  oauth,
  resolve,
  sendLog,
  settings,
};
