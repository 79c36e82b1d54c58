import { DKIM_ALGORITHMS } from '../../../../shared/contracts/deliverability';

/** A sending domain with its DKIM key: the private key sealed for (domain, selector), never returned. */
export default {
  kind: 'collectionType',
  collectionName: 'smtp_accounts_domains',
  info: {
    singularName: 'sending-domain',
    pluralName: 'sending-domains',
    displayName: 'SMTP sending domain',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes: {
    domain: { type: 'string', required: true, unique: true, configurable: false },
    selector: { type: 'string', required: true, configurable: false },
    algorithm: {
      type: 'enumeration',
      enum: [...DKIM_ALGORITHMS],
      default: 'rsa-2048',
      configurable: false,
    },
    publicKey: { type: 'text', configurable: false },
    privateKey: { type: 'text', private: true, searchable: false, configurable: false },
    active: { type: 'boolean', default: true, configurable: false },
  },
};
