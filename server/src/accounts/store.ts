import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { HealthState } from '../../../shared/constants';
import type { DomainCheck } from '../../../shared/contracts/deliverability';
import {
  createSecretBox,
  isLegacySealed,
  isSealed,
  SecretDecryptError,
} from '../crypto/secret-box';
import {
  bindingOf,
  ENTERED_SECRETS,
  OAUTH_DESTINATION,
  SECRET_FIELDS,
  movedFields,
  type SecretField,
} from './binding';
import { sealedElsewhere, type Keyring } from './keyring';
import type { AccountRef, AccountRow } from './row';

/** The account content type. Only accounts/ names it (checked by tests/boundaries.test.ts and dependency-cruiser). */
export const SMTP_ACCOUNT_UID = 'plugin::smtp-accounts.smtp-account' as const;

type Data = Record<string, unknown>;
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  expiresAt: number;
}
/** What the table's owner tells its listeners: which account changed (null: several, or unknown). */
export type AccountChange = { accountId: number | null };

const SIGNED_OUT = {
  oauthRefreshToken: null,
  oauthAccessToken: null,
  oauthAccessExpiresAt: null,
  oauthLockUntil: null,
};

/**
 * The only code that reads or writes the `smtp_accounts` table. Every write ends in one of two places that
 * seal the same way (keyring.sealOnce, for the row's destination): the lifecycles (`sealWrite`, for the
 * document service and db.query: our admin API, other plugins, app code, clones) and the owner's own
 * conditional UPDATEs (tokens, locks, health), which never take a secret from a caller.
 */
export const createAccountStore = (strapi: Core.Strapi, keyring: Keyring) => {
  const listeners = new Set<(change: AccountChange) => void>();
  const meta = () => strapi.db.metadata.get(SMTP_ACCOUNT_UID);
  const column = (attribute: string) =>
    (meta().attributes as Record<string, { columnName?: string }>)[attribute]?.columnName ??
    attribute;
  const table = () => strapi.db.connection(meta().tableName);
  const query = () => strapi.db.query(SMTP_ACCOUNT_UID);
  const documents = () => strapi.documents(SMTP_ACCOUNT_UID);
  const columns = (data: Data) =>
    Object.fromEntries(Object.entries(data).map(([key, value]) => [column(key), value]));
  const validId = (id: number) => Number.isSafeInteger(id) && id > 0;

  const changed = (change: AccountChange) => {
    for (const listener of listeners) listener(change);
  };

  /** Schema defaults, as the entity manager applies them after `beforeCreate` (a new row's destination needs them). */
  const withDefaults = (data: Data): Data => {
    const attributes = strapi.contentType(SMTP_ACCOUNT_UID).attributes as Record<
      string,
      { default?: unknown }
    >;
    const defaults = Object.fromEntries(
      Object.entries(attributes)
        .filter(([, a]) => a.default !== undefined)
        .map(([name, a]) => [name, a.default])
    );
    return { ...defaults, ...data };
  };

  /**
   * Seals the secrets of one row as it will be stored (`after`): typed text is sealed for that destination,
   * a value sealed for it is kept, any other sealed value is refused. A stored secret the write moves away
   * from (its destination changes and it is not given again) is cleared: it could never open there.
   */
  const sealRow = (data: Data, after: Data, before: Data | null) => {
    for (const field of ENTERED_SECRETS) {
      if (
        field in data &&
        (data[field] === '' || data[field] === null || data[field] === undefined)
      )
        delete data[field];
    }
    for (const field of SECRET_FIELDS) {
      const value = data[field];
      if (typeof value === 'string' && value !== '')
        data[field] = keyring.sealOnce(field, value, after as never);
      else if (
        before &&
        !(field in data) &&
        before[field] &&
        movedFields(field, before as never, after as never).length > 0
      )
        data[field] = null;
    }
    // an OAuth2 sign-in belongs to its destination too: moved, it waits for Connect again
    if (
      before &&
      before.oauthStatus === 'connected' &&
      movedFields('oauthRefreshToken', before as never, after as never).length > 0 &&
      !('oauthStatus' in data)
    ) {
      Object.assign(data, SIGNED_OUT, {
        oauthStatus: after.authType === 'oauth2' ? 'pending' : null,
      });
    }
  };

  const refuseSecretsInBulk = (data: Data) => {
    const typed = SECRET_FIELDS.filter(
      (field) => typeof data[field] === 'string' && data[field] !== '' && !isSealed(data[field])
    );
    if (typed.length) {
      throw new errors.ValidationError(
        `Write ${typed.join(', ')} one account at a time: a secret is sealed for its account's server.`,
        {
          code: 'INVALID',
          field: typed[0],
        }
      );
    }
  };

  const store = {
    // ---- reads ------------------------------------------------------------------------------------

    async findById(id: number): Promise<AccountRow | null> {
      return validId(id) ? ((await query().findOne({ where: { id } })) as AccountRow | null) : null;
    },

    /** The row, or a 404 with a code (every admin-API error carries one). */
    async get(id: number): Promise<AccountRow> {
      const row = await store.findById(id);
      if (!row)
        throw new errors.NotFoundError(
          `SMTP account ${Number.isSafeInteger(id) ? id : String(id).slice(0, 20)} not found`,
          { code: 'NOT_FOUND' }
        );
      return row;
    },

    async findByDocumentId(documentId: string): Promise<AccountRow | null> {
      return (await query().findOne({ where: { documentId } })) as AccountRow | null;
    },

    async list(): Promise<AccountRow[]> {
      return (await query().findMany({ orderBy: { id: 'asc' } })) as AccountRow[];
    },

    async listActive(): Promise<AccountRow[]> {
      return (await query().findMany({
        where: { active: true },
        orderBy: { id: 'asc' },
      })) as AccountRow[];
    },

    async ids(): Promise<number[]> {
      return ((await table().select('id')) as { id: unknown }[]).map((row) => Number(row.id));
    },

    /** Names and addresses of these accounts (no secret column is read). */
    async refs(ids: number[]): Promise<AccountRef[]> {
      if (ids.length === 0) return [];
      const rows = (await table()
        .select('id', column('name'), column('email'))
        .whereIn('id', ids)) as Data[];
      return rows.map((row) => ({
        id: Number(row.id),
        name: (row[column('name')] as string | null) ?? '',
        email: String(row[column('email')]),
      }));
    },

    /** The health columns of every account, for the health report. */
    async healthRows() {
      return (await query().findMany({
        select: [
          'id',
          'authType',
          'oauthStatus',
          'healthState',
          'healthSince',
          'healthStage',
          'lastCheckAt',
        ],
      })) as Pick<
        AccountRow,
        | 'id'
        | 'authType'
        | 'oauthStatus'
        | 'healthState'
        | 'healthSince'
        | 'healthStage'
        | 'lastCheckAt'
      >[];
    },

    async healthStateOf(id: number): Promise<HealthState | null> {
      const row = (await table().where({ id }).first(column('healthState'))) as Data | undefined;
      return (row?.[column('healthState')] as HealthState | null | undefined) ?? null;
    },

    /** Changes when a row is added, removed or updated, whichever process did it (count + newest updatedAt). */
    async fingerprint(): Promise<string> {
      const [count, newest] = await Promise.all([
        query().count(),
        query().findOne({ select: ['updatedAt'], orderBy: { updatedAt: 'desc' } }),
      ]);
      const updatedAt =
        newest?.updatedAt instanceof Date
          ? newest.updatedAt.getTime()
          : String(newest?.updatedAt ?? '');
      return `${count}:${updatedAt}`;
    },

    /** Accounts with a secret this key cannot open for their destination (imported from another app, key changed). */
    async unreadable(): Promise<{ id: number; email: string }[]> {
      return (await store.list())
        .filter((row) => keyring.state(row) === 'unreadable')
        .map(({ id, email }) => ({ id, email }));
    },

    // ---- writes through the document service (verify-on-save middleware, then the lifecycles) -----------

    create: (data: Data) => documents().create({ data: data as never }),
    update: (documentId: string, data: Data) =>
      documents().update({ documentId, data: data as never }),
    remove: (documentId: string) => documents().delete({ documentId }),

    // ---- the owner's own writes: one statement each, nothing a caller typed --------------------------

    /** Takes an account's health change for this process (one conditional UPDATE: one process announces it). */
    async claimHealthChange(
      id: number,
      next: HealthState,
      fields: { stage: string | null; reply: string | null }
    ): Promise<boolean> {
      const state = column('healthState');
      const updated = await table()
        .where({ id })
        .andWhere((q) => q.whereNull(state).orWhereNot(state, next))
        .update(
          columns({
            healthState: next,
            healthSince: new Date(),
            healthStage: fields.stage,
            healthReply: fields.reply?.slice(0, 500) ?? null,
            updatedAt: new Date(),
          })
        );
      return Number(updated) === 1;
    },

    /** The last domain check of an account (deliverability's answer; no lifecycle, no reload: routing ignores it). */
    async storeDomainCheck(id: number, check: DomainCheck) {
      await table()
        .where({ id })
        .update(columns({ domainCheck: JSON.stringify(check) }));
    },

    async markChecked(id: number) {
      await table()
        .where({ id })
        .update(columns({ lastCheckAt: new Date() }));
    },

    /** One conditional UPDATE: true when this process now holds the account's token-refresh lock. */
    async tryLockRefresh(id: number, lockMs: number): Promise<boolean> {
      const now = new Date();
      const lock = column('oauthLockUntil');
      const updated = await table()
        .where({ id })
        .andWhere((q) => q.whereNull(lock).orWhere(lock, '<', now))
        .update({ [lock]: new Date(now.getTime() + lockMs) });
      return Number(updated) === 1;
    },

    async unlockRefresh(id: number) {
      await table()
        .where({ id })
        .update({ [column('oauthLockUntil')]: null });
    },

    /**
     * Stores a token set sealed for `row`'s destination. Written only while the row still has that destination
     * (and is connected): a refresh that finishes after an admin moved the account stores nothing.
     */
    async storeTokens(row: AccountRow, tokens: TokenSet, connect = false): Promise<boolean> {
      const update: Data = {
        oauthAccessToken: keyring.seal('oauthAccessToken', tokens.accessToken, row),
        oauthAccessExpiresAt: new Date(tokens.expiresAt),
        oauthLockUntil: null,
      };
      if (tokens.refreshToken)
        update.oauthRefreshToken = keyring.seal('oauthRefreshToken', tokens.refreshToken, row);
      if (connect) Object.assign(update, { oauthStatus: 'connected', updatedAt: new Date() });
      const same = Object.fromEntries(
        OAUTH_DESTINATION.map((field) => [column(field), row[field] ?? null])
      );
      const where = table().where({ id: row.id });
      for (const [name, value] of Object.entries(same)) {
        if (value === null || value === '')
          where.andWhere((q) => q.whereNull(name).orWhere(name, ''));
        else where.andWhere(name, value as never);
      }
      if (!connect) where.andWhere(column('oauthStatus'), 'connected');
      const updated = Number(await where.update(columns(update))) === 1;
      if (connect && updated) changed({ accountId: row.id });
      return updated;
    },

    /** invalid_grant: the account leaves routing until an admin connects it again. */
    async markReauthRequired(id: number) {
      await table()
        .where({ id })
        .update(
          columns({
            oauthStatus: 'reauth-required',
            oauthAccessToken: null,
            oauthAccessExpiresAt: null,
            updatedAt: new Date(),
          })
        );
      changed({ accountId: id });
    },

    // ---- the lifecycles: every document-service and db.query write ----------------------------------

    /** Seals what a create, update or bulk write carries (see sealRow); throws a ValidationError to abort it. */
    async sealWrite(
      action: 'create' | 'createMany' | 'update' | 'updateMany',
      params: { data?: Data | Data[]; where?: Data }
    ) {
      const { data } = params;
      if (action === 'create' || action === 'createMany') {
        for (const row of ([] as (Data | undefined)[]).concat(data))
          if (row) sealRow(row, withDefaults(row), null);
        return;
      }
      if (!data || Array.isArray(data)) return;
      if (action === 'update') {
        const before = (await query().findOne({ where: params.where ?? {} })) as Data | null;
        if (!before) return;
        sealRow(data, { ...before, ...data }, before);
        return;
      }
      // updateMany: one statement for every matched row, so a secret in it must open for each of them
      refuseSecretsInBulk(data);
      const sealed = SECRET_FIELDS.filter(
        (field) => typeof data[field] === 'string' && data[field] !== ''
      );
      if (sealed.length === 0) return;
      for (const before of (await query().findMany({ where: params.where ?? {} })) as Data[]) {
        for (const field of sealed)
          if (!keyring.opens(field, data[field] as string, { ...before, ...data } as never))
            throw sealedElsewhere(field);
      }
    },

    /** After any write: routing caches reload, token caches drop the account. */
    changed,

    onChange(listener: (change: AccountChange) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    // ---- maintenance -------------------------------------------------------------------------------

    /**
     * Binds `v1` secrets (sealed before bindings existed) to the destination their row names, once, at start-up.
     * A value this key cannot open is left as it is (the account shows as unreadable). Answers how many were bound.
     */
    async bindLegacySecrets(): Promise<number> {
      let bound = 0;
      await strapi.db.connection.transaction(async (trx) => {
        const rows = (await trx(meta().tableName).select('*')) as Data[];
        for (const raw of rows) {
          const row = Object.fromEntries(
            Object.keys(meta().attributes).map((name) => [name, raw[column(name)]])
          ) as Data;
          const changes: Data = {};
          for (const field of SECRET_FIELDS) {
            const value = row[field];
            if (!isLegacySealed(value)) continue;
            const rebound = keyring.bindLegacy(field, value, row as never);
            if (rebound) changes[column(field)] = rebound;
          }
          if (Object.keys(changes).length === 0) continue;
          await trx(meta().tableName).where({ id: raw.id }).update(changes);
          bound += Object.keys(changes).length;
        }
      });
      if (bound) changed({ accountId: null });
      return bound;
    },

    /**
     * Re-encrypts every stored secret from one key to another, each for its own destination, in one
     * transaction, straight through knex (the lifecycles refuse a value sealed with a key other than the
     * running one). A value already on the new key is left alone, so an interrupted run can be repeated.
     */
    async rekey(oldKey: string, newKey: string) {
      const from = createSecretBox(oldKey);
      const to = createSecretBox(newKey);
      let reencrypted = 0;
      let alreadyNew = 0;
      await strapi.db.connection.transaction(async (trx) => {
        const rows = (await trx(meta().tableName).select('*')) as Data[];
        for (const raw of rows) {
          const row = Object.fromEntries(
            Object.keys(meta().attributes).map((name) => [name, raw[column(name)]])
          ) as Data;
          const changes: Data = {};
          for (const field of SECRET_FIELDS) {
            const sealed = row[field];
            if (typeof sealed !== 'string' || !sealed) continue;
            const binding = bindingOf(field as SecretField, row as never);
            try {
              const plain = isLegacySealed(sealed)
                ? from.openLegacy(sealed)
                : from.decrypt(sealed, binding);
              changes[column(field)] = to.encrypt(plain, binding);
            } catch {
              try {
                to.decrypt(sealed, binding);
                alreadyNew += 1;
              } catch {
                throw new SecretDecryptError(
                  `account ${String(raw.id)} (${field}) opens with neither the old nor the new key`
                );
              }
            }
          }
          if (Object.keys(changes).length === 0) continue;
          await trx(meta().tableName).where({ id: raw.id }).update(changes);
          reencrypted += Object.keys(changes).length;
        }
      });
      return { reencrypted, alreadyNew };
    },
  };
  return store;
};

export type AccountStore = ReturnType<typeof createAccountStore>;
