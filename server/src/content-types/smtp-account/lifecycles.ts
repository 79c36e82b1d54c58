import { PLUGIN_ID } from '../../../../shared/constants';

export interface WriteEvent {
  params: { data?: Record<string, unknown> | Record<string, unknown>[] };
}

/**
 * Cheap, synchronous work only: these hooks run inside the database transaction.
 * Every write path (document service, Content Manager, db.query) stores the password encrypted —
 * exactly once: a value already sealed with the current key (a clone, a copied row) is kept as is,
 * one sealed with another key is refused (see secrets.sealOnce) — and every change tells the
 * routing caches to reload. (`strapi import` disables lifecycles: imported rows keep their value.)
 */
const sealPassword = (event: WriteEvent) => {
  const { data } = event.params;
  for (const row of Array.isArray(data) ? data : [data]) sealRow(row);
};

const sealRow = (data: Record<string, unknown> | undefined) => {
  if (!data || !('password' in data)) return;
  if (data.password === '' || data.password === null || data.password === undefined) {
    delete data.password; // empty means "keep the stored password"
    return;
  }
  data.password = strapi.plugin(PLUGIN_ID).service('secrets').sealOnce(String(data.password));
};

const accountsChanged = () => strapi.plugin(PLUGIN_ID).service('accountIndex').invalidate();

export default {
  beforeCreate: sealPassword,
  beforeCreateMany: sealPassword,
  beforeUpdate: sealPassword,
  beforeUpdateMany: sealPassword,
  afterCreate: accountsChanged,
  afterCreateMany: accountsChanged,
  afterUpdate: accountsChanged,
  afterDelete: accountsChanged,
  afterDeleteMany: accountsChanged,
  afterUpdateMany: accountsChanged,
};
