import { QUEUED_MAIL_STATES } from '../../../../shared/constants';

/**
 * One message of a batch, kept until its batch is pruned with the send log. The queue works on this
 * table with knex directly (queue/store.ts): claims and outcomes are set-wise UPDATEs.
 */
export default {
  kind: 'collectionType',
  collectionName: 'smtp_accounts_queue',
  info: {
    singularName: 'queued-mail',
    pluralName: 'queued-mails',
    displayName: 'SMTP queued mail',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes: {
    batchId: { type: 'integer', configurable: false },
    seq: { type: 'integer', configurable: false },
    state: { type: 'enumeration', enum: [...QUEUED_MAIL_STATES], configurable: false },
    // the message as the campaign module gave it (JSON-safe fields), never returned by the API
    message: { type: 'json', private: true, configurable: false },
    messageId: { type: 'string', configurable: false },
    // epoch milliseconds: not before (limits, retries); the lease of the process sending it
    availableAt: { type: 'biginteger', configurable: false },
    lockedBy: { type: 'string', configurable: false },
    lockedUntil: { type: 'biginteger', configurable: false },
    attempts: { type: 'integer', default: 0, configurable: false },
    // tries that failed for a reason that may pass (queue/send-one.ts RETRY_DELAYS_MS)
    retries: { type: 'integer', default: 0, configurable: false },
    uncertain: { type: 'boolean', default: false, configurable: false },
    accountId: { type: 'integer', configurable: false },
    accountEmail: { type: 'string', configurable: false },
    errorCode: { type: 'string', configurable: false },
    finishedAt: { type: 'biginteger', configurable: false },
  },
};
