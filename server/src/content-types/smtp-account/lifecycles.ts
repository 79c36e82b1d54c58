import { runtimeOf } from '../../runtime';

export interface WriteEvent {
  params: {
    data?: Record<string, unknown> | Record<string, unknown>[];
    where?: Record<string, unknown>;
  };
}

/**
 * These hooks run inside the database transaction: they only hand the write to the account store, which
 * seals its secrets for the row's destination (see accounts/store.sealWrite; no network), and tell it that
 * the table changed (the routing index reloads, token caches drop the account). Every write path lands
 * here: the document service, the Content Manager, db.query. (`strapi import` disables lifecycles:
 * imported rows keep their value, and the start-up migration binds old `v1` values.)
 */
const seal = (action: 'create' | 'createMany' | 'update' | 'updateMany') => (event: WriteEvent) =>
  runtimeOf(strapi).accounts.store.sealWrite(action, event.params);
const changed = () => runtimeOf(strapi).accounts.store.changed({ accountId: null });

export default {
  beforeCreate: seal('create'),
  beforeCreateMany: seal('createMany'),
  beforeUpdate: seal('update'),
  beforeUpdateMany: seal('updateMany'),
  afterCreate: changed,
  afterCreateMany: changed,
  afterUpdate: changed,
  afterUpdateMany: changed,
  afterDelete: changed,
  afterDeleteMany: changed,
};
