import { SUPPRESSION_REASONS } from '../../../../shared/contracts/deliverability';

/** An address newsletter mail is not sent to: everywhere (`scope` '*') or for one list. Unique per (address, scope). */
export default {
  kind: 'collectionType',
  collectionName: 'smtp_accounts_suppressions',
  info: {
    singularName: 'suppression',
    pluralName: 'suppressions',
    displayName: 'SMTP suppression',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes: {
    address: { type: 'string', required: true, configurable: false },
    scope: { type: 'string', required: true, default: '*', configurable: false },
    reason: {
      type: 'enumeration',
      enum: [...SUPPRESSION_REASONS],
      required: true,
      configurable: false,
    },
    detail: { type: 'string', configurable: false },
  },
};
