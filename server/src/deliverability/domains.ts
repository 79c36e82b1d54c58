import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type {
  DkimAlgorithm,
  SendingDomain,
  SendingDomainInput,
} from '../../../shared/contracts/deliverability';
import { DKIM_ALGORITHMS } from '../../../shared/contracts/deliverability';
import { purposeBinding } from '../accounts';
import { createSecretBox } from '../crypto/secret-box';
import { CONTROL_CHARS } from '../validation/control-chars';
import { dkimName, dkimRecord, generateDkimKey } from './dkim-keys';

const UID = 'plugin::smtp-accounts.sending-domain' as const;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const SELECTOR =
  /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

interface DomainRow {
  id: number;
  domain: string;
  selector: string;
  algorithm: DkimAlgorithm;
  publicKey: string;
  privateKey: string;
  active: boolean;
  createdAt: string | Date;
  updatedAt: string | Date;
}

/** Sealing of the private key, by the keyring of accounts/ (it holds the key): bound to (domain, selector). */
export interface KeySealer {
  sealFor(purpose: readonly string[], plain: string): string;
  openFor(purpose: readonly string[], sealed: string): string;
}

const purposeOf = (row: Pick<DomainRow, 'domain' | 'selector'>) => [
  'dkim',
  row.domain,
  row.selector,
];
const iso = (value: string | Date) =>
  (value instanceof Date ? value : new Date(String(value))).toISOString();

const toPublic = (row: DomainRow): SendingDomain => ({
  id: row.id,
  domain: row.domain,
  selector: row.selector,
  algorithm: row.algorithm,
  active: Boolean(row.active),
  dnsName: dkimName(row.selector, row.domain),
  dnsRecord: dkimRecord(row.publicKey),
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

/**
 * Sending domains and their DKIM keys: the only code that reads or writes their table, and the only place a
 * DKIM private key is opened — for its own domain and selector (the key is sealed for them), to sign mail From
 * that domain. Signing options are kept in memory and re-read after a write here or when another process's
 * write shows (at most every `syncMs`).
 */
export const createDomains = (deps: {
  strapi: Core.Strapi;
  keys: KeySealer;
  syncMs: () => number;
}) => {
  const { strapi, keys } = deps;
  const query = () => strapi.db.query(UID);
  let signing: {
    at: number;
    fingerprint: string;
    byDomain: Map<string, { domainName: string; keySelector: string; privateKey: string }>;
  } | null = null;

  const find = async (id: number) => {
    const row =
      Number.isSafeInteger(id) && id > 0
        ? ((await query().findOne({ where: { id } })) as DomainRow | null)
        : null;
    if (!row)
      throw new errors.NotFoundError(`sending domain ${String(id).slice(0, 20)} not found`, {
        code: 'NOT_FOUND',
      });
    return row;
  };

  const checkSelector = (selector: unknown) => {
    const value = typeof selector === 'string' ? selector.trim().toLowerCase() : '';
    if (!value)
      throw new errors.ValidationError('selector is required', {
        code: 'REQUIRED',
        field: 'selector',
      });
    if (!SELECTOR.test(value) || CONTROL_CHARS.test(value))
      throw new errors.ValidationError(
        'selector must be letters, digits and hyphens (dots between labels)',
        { code: 'INVALID', field: 'selector' }
      );
    return value;
  };

  const newKey = (domain: string, selector: string, algorithm: DkimAlgorithm) => {
    const { publicKey, privateKeyPem } = generateDkimKey(algorithm);
    return { publicKey, privateKey: keys.sealFor(purposeOf({ domain, selector }), privateKeyPem) };
  };

  const fingerprint = async () => {
    const [count, newest] = await Promise.all([
      query().count(),
      query().findOne({ select: ['updatedAt'], orderBy: { updatedAt: 'desc' } }),
    ]);
    return `${count}:${newest ? iso(newest.updatedAt) : ''}`;
  };

  const domains = {
    async list(): Promise<SendingDomain[]> {
      return ((await query().findMany({ orderBy: { domain: 'asc' } })) as DomainRow[]).map(
        toPublic
      );
    },

    async create(input: Partial<SendingDomainInput>): Promise<SendingDomain> {
      const domain = typeof input.domain === 'string' ? input.domain.trim().toLowerCase() : '';
      if (!domain)
        throw new errors.ValidationError('domain is required', {
          code: 'REQUIRED',
          field: 'domain',
        });
      if (!DOMAIN.test(domain))
        throw new errors.ValidationError('domain must be a domain name (example.com)', {
          code: 'INVALID_HOST',
          field: 'domain',
        });
      const selector = checkSelector(input.selector);
      const algorithm = input.algorithm ?? 'rsa-2048';
      if (!DKIM_ALGORITHMS.includes(algorithm))
        throw new errors.ValidationError(
          `algorithm must be one of: ${DKIM_ALGORITHMS.join(', ')}`,
          { code: 'NOT_ONE_OF', field: 'algorithm', params: { values: DKIM_ALGORITHMS.join(', ') } }
        );
      if (input.active !== undefined && typeof input.active !== 'boolean')
        throw new errors.ValidationError('active must be true or false', {
          code: 'INVALID_TYPE',
          field: 'active',
        });
      if (await query().findOne({ where: { domain } }))
        throw new errors.ValidationError(`${domain} has a DKIM key already`, {
          code: 'DOMAIN_EXISTS',
          field: 'domain',
        });
      const created = (await query().create({
        data: {
          domain,
          selector,
          algorithm,
          active: input.active ?? true,
          ...newKey(domain, selector, algorithm),
        },
      })) as DomainRow;
      signing = null;
      return toPublic(created);
    },

    /** Turn signing on or off, or change the selector / make a new key pair (`rotate`): both mean a new record to publish. */
    async update(
      id: number,
      input: { active?: unknown; selector?: unknown; rotate?: unknown }
    ): Promise<SendingDomain> {
      const row = await find(id);
      const unknown = Object.keys(input).filter(
        (key) => !['active', 'selector', 'rotate'].includes(key)
      );
      if (unknown.length)
        throw new errors.ValidationError(`unknown field(s): ${unknown.join(', ').slice(0, 100)}`, {
          code: 'UNKNOWN_FIELD',
          field: unknown[0],
        });
      const data: Record<string, unknown> = {};
      if (input.active !== undefined) {
        if (typeof input.active !== 'boolean')
          throw new errors.ValidationError('active must be true or false', {
            code: 'INVALID_TYPE',
            field: 'active',
          });
        data.active = input.active;
      }
      const selector = input.selector === undefined ? row.selector : checkSelector(input.selector);
      if (input.rotate === true || selector !== row.selector)
        Object.assign(data, { selector, ...newKey(row.domain, selector, row.algorithm) });
      const updated = (await query().update({ where: { id }, data })) as DomainRow;
      signing = null;
      return toPublic(updated);
    },

    async remove(id: number) {
      await find(id);
      await query().delete({ where: { id } });
      signing = null;
      return { id };
    },

    /**
     * Re-encrypts every DKIM private key from one key text to another (the `smtp-accounts-rekey` command), each for
     * its own domain and selector. A key already on the new key is left alone.
     */
    async rekey(oldKey: string, newKey: string) {
      const [from, to] = [createSecretBox(oldKey), createSecretBox(newKey)];
      let reencrypted = 0;
      let alreadyNew = 0;
      for (const row of (await query().findMany({})) as DomainRow[]) {
        const binding = purposeBinding(purposeOf(row));
        try {
          const privateKey = to.encrypt(from.decrypt(row.privateKey, binding), binding);
          await query().update({ where: { id: row.id }, data: { privateKey } });
          reencrypted += 1;
        } catch {
          to.decrypt(row.privateKey, binding); // throws when it opens with neither key
          alreadyNew += 1;
        }
      }
      signing = null;
      return { reencrypted, alreadyNew };
    },

    /** The public half of a domain's key, for the domain check (null: no key here). */
    async publicKey(domain: string): Promise<{ selector: string; publicKey: string } | null> {
      const row = (await query().findOne({
        where: { domain: domain.toLowerCase() },
      })) as DomainRow | null;
      return row ? { selector: row.selector, publicKey: row.publicKey } : null;
    },

    /** nodemailer's `dkim` options for mail From this domain, or null (no active key). From memory in steady state. */
    async signingFor(fromDomain: string) {
      const now = Date.now();
      if (!signing || now - signing.at > deps.syncMs()) {
        const current = await fingerprint();
        if (!signing || current !== signing.fingerprint) {
          const byDomain = new Map<
            string,
            { domainName: string; keySelector: string; privateKey: string }
          >();
          for (const row of (await query().findMany({ where: { active: true } })) as DomainRow[]) {
            try {
              byDomain.set(row.domain, {
                domainName: row.domain,
                keySelector: row.selector,
                privateKey: keys.openFor(purposeOf(row), row.privateKey),
              });
            } catch {
              strapi.log.warn(
                `[smtp-accounts] the DKIM key of ${row.domain} cannot be decrypted here (another encryption key): its mail is not signed until a new key is made`
              );
            }
          }
          signing = { at: now, fingerprint: current, byDomain };
        } else signing.at = now;
      }
      return signing.byDomain.get(fromDomain.toLowerCase()) ?? null;
    },
  };
  return domains;
};

export type Domains = ReturnType<typeof createDomains>;
