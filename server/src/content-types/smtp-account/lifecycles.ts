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

/** Secrets entered by an admin: empty means "keep the stored one". */
const ENTERED_SECRETS = ['password', 'oauthClientSecret'] as const;
/** Secrets written by the OAuth2 flow: null clears them. */
const ISSUED_SECRETS = ['oauthRefreshToken', 'oauthAccessToken'] as const;

const sealRow = (data: Record<string, unknown> | undefined) => {
  if (!data) return;
  const seal = (value: unknown) => strapi.plugin(PLUGIN_ID).service('secrets').sealOnce(String(value));
  for (const field of ENTERED_SECRETS) {
    if (!(field in data)) continue;
    if (data[field] === '' || data[field] === null || data[field] === undefined) delete data[field];
    else data[field] = seal(data[field]);
  }
  for (const field of ISSUED_SECRETS) {
    if (typeof data[field] === 'string' && data[field] !== '') data[field] = seal(data[field]);
  }
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
