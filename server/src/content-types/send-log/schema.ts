import { SEND_STATUSES } from '../../../../shared/constants';

/** One row per mail handled by the router: who sent it, by which rule, how it went. Never a password. */
export default {
  kind: 'collectionType',
  collectionName: 'smtp_accounts_send_log',
  info: { singularName: 'send-log', pluralName: 'send-logs', displayName: 'SMTP send log' },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes: {
    from: { type: 'string', configurable: false },
    recipientsCount: { type: 'integer', configurable: false },
    firstRecipient: { type: 'string', configurable: false },
    subject: { type: 'string', configurable: false },
    newsletter: { type: 'boolean', default: false, configurable: false },
    accountId: { type: 'integer', configurable: false },
    accountEmail: { type: 'string', configurable: false },
    rule: { type: 'string', configurable: false },
    status: { type: 'enumeration', enum: [...SEND_STATUSES], configurable: false },
    attempts: { type: 'integer', configurable: false },
    attemptLog: { type: 'json', configurable: false },
    response: { type: 'text', configurable: false },
    errorCode: { type: 'string', configurable: false },
    durationMs: { type: 'integer', configurable: false },
    // resend: the entry this one resends, and on the original the moment it was claimed for its one resend
    resendOf: { type: 'integer', configurable: false },
    resentAt: { type: 'datetime', configurable: false },
    // a queued mail (services/queue): its batch, its stable Message-ID, and whether it may have gone out twice
    batchId: { type: 'integer', configurable: false },
    messageId: { type: 'string', configurable: false },
    uncertain: { type: 'boolean', default: false, configurable: false },
    // the message, only when the "keep bodies" setting is on (for resend); never returned by the API
    body: { type: 'json', private: true, configurable: false },
  },
};
