import { BATCH_STATES } from '../../../../shared/constants';

/** One `queue.enqueue` call: a campaign's mailing. Its messages are rows of `queued-mail`. */
export default {
  kind: 'collectionType',
  collectionName: 'smtp_accounts_batches',
  info: { singularName: 'batch', pluralName: 'batches', displayName: 'SMTP campaign batch' },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes: {
    campaign: { type: 'string', configurable: false },
    newsletter: { type: 'boolean', default: false, configurable: false },
    // the list its unsubscribe links name ('*': every newsletter)
    list: { type: 'string', default: '*', configurable: false },
    state: { type: 'enumeration', enum: [...BATCH_STATES], configurable: false },
    // messages stored, and refused at enqueue (with the first reasons)
    total: { type: 'integer', default: 0, configurable: false },
    rejected: { type: 'integer', default: 0, configurable: false },
    rejections: { type: 'json', configurable: false },
    enqueueError: { type: 'text', configurable: false },
    finishedAt: { type: 'datetime', configurable: false },
  },
};
