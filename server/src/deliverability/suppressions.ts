import type { Core } from '@strapi/strapi';
import { errors, yup } from '@strapi/utils';
import {
  ALL_NEWSLETTERS,
  SUPPRESSION_REASONS,
  type ImportSuppressions,
  type ListSuppressions,
  type Suppression,
  type SuppressionReason,
} from '../../../shared/contracts/deliverability';
import { createGroupCall } from '../queue/group-commit';
import { CONTROL_CHARS } from '../validation/control-chars';

const UID = 'plugin::smtp-accounts.suppression' as const;
const MAX_IMPORT_LINES = 100_000;
/**
 * The look-ups of the newsletter sends that ask within this long go together: one indexed query for all their
 * addresses (a campaign's sends in flight asked one query each: a statement per mail, the most of any step).
 */
const LOOKUP_WINDOW_MS = 1;
/** Addresses per look-up query at most (databases cap the parameters of one statement). */
const ADDRESSES_PER_QUERY = 500;

export interface NewSuppression {
  address: string;
  scope?: string;
  reason: SuppressionReason;
  detail?: string | null;
}

const normalAddress = (address: string) => address.trim().toLowerCase();
const isAddress = (value: string) =>
  yup.string().email().isValidSync(value) && !CONTROL_CHARS.test(value) && value.length <= 254;
const validScope = (scope: string) =>
  scope === ALL_NEWSLETTERS || (/^[\w.:@-]{1,100}$/.test(scope) && !CONTROL_CHARS.test(scope));
const iso = (value: unknown) =>
  (value instanceof Date ? value : new Date(String(value))).toISOString();

/** One CSV field, quoted when it must be (RFC 4180). */
const csvField = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
/** The fields of one CSV line (quoted fields, doubled quotes). */
const csvFields = (line: string) => {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out.map((f) => f.trim());
};

/**
 * The suppression list: the only code that reads or writes its table. Newsletter mail to an address in it
 * (scope `*`, or the mail's list) is not sent, by the direct path and by the queue, in every process: it is
 * read at each send (an indexed look-up), so an unsubscribe stops the very next mail. `onAdded` hears every
 * address that was not there before (the webhook event `smtp-suppression.added`).
 */
export const createSuppressions = (deps: {
  strapi: Core.Strapi;
  onAdded: (suppression: Suppression) => void;
}) => {
  const { strapi } = deps;
  const meta = () => strapi.db.metadata.get(UID);
  const col = (attribute: string) =>
    (meta().attributes as Record<string, { columnName?: string }>)[attribute]?.columnName ??
    attribute;
  const table = () => strapi.db.connection(meta().tableName);
  const query = () => strapi.db.query(UID);

  /** Address → the scopes it is suppressed for, of these addresses (and scopes, `*` always included). */
  const scopesOf = async (addresses: string[], scopes: string[]) => {
    const found = new Map<string, Set<string>>();
    for (let i = 0; i < addresses.length; i += ADDRESSES_PER_QUERY) {
      const rows = (await table()
        .select(col('address'), col('scope'))
        .whereIn(col('address'), addresses.slice(i, i + ADDRESSES_PER_QUERY))
        .whereIn(col('scope'), scopes)) as Record<string, string>[];
      for (const row of rows) {
        const address = row[col('address')];
        const known = found.get(address);
        if (known) known.add(row[col('scope')]);
        else found.set(address, new Set([row[col('scope')]]));
      }
    }
    return found;
  };
  const lookups = createGroupCall<{ wanted: string[]; scope: string }, Set<string>>(
    async (asked) => {
      const addresses = new Set<string>();
      const scopes = new Set<string>([ALL_NEWSLETTERS]);
      for (const { wanted, scope } of asked) {
        for (const address of wanted) addresses.add(address);
        scopes.add(scope);
      }
      const found = await scopesOf([...addresses], [...scopes]);
      return asked.map(
        ({ wanted, scope }) =>
          new Set(
            wanted.filter((address) => {
              const listed = found.get(address);
              return listed !== undefined && (listed.has(ALL_NEWSLETTERS) || listed.has(scope));
            })
          )
      );
    },
    LOOKUP_WINDOW_MS
  );

  const toPublic = (row: Record<string, unknown>): Suppression => ({
    id: Number(row.id),
    address: String(row.address),
    scope: String(row.scope ?? ALL_NEWSLETTERS),
    reason: row.reason as SuppressionReason,
    detail: (row.detail as string | null) ?? null,
    createdAt: iso(row.createdAt),
  });

  const check = (input: NewSuppression) => {
    const address = normalAddress(input.address ?? '');
    const scope = (input.scope ?? ALL_NEWSLETTERS).trim() || ALL_NEWSLETTERS;
    if (!isAddress(address))
      throw new errors.ValidationError('address must be a valid email address', {
        code: 'INVALID_EMAIL',
        field: 'address',
      });
    if (!validScope(scope))
      throw new errors.ValidationError(
        'scope must be "*" (every newsletter) or a list key (letters, digits, . _ : @ -)',
        { code: 'INVALID', field: 'scope' }
      );
    if (!SUPPRESSION_REASONS.includes(input.reason)) {
      throw new errors.ValidationError(`reason must be one of: ${SUPPRESSION_REASONS.join(', ')}`, {
        code: 'NOT_ONE_OF',
        field: 'reason',
        params: { values: SUPPRESSION_REASONS.join(', ') },
      });
    }
    return {
      address,
      scope,
      reason: input.reason,
      detail: input.detail ? String(input.detail).slice(0, 255) : null,
    };
  };

  const suppressions = {
    /** The unique index (address, scope) that makes adding an address twice a no-op in every process. */
    async ensureIndexes() {
      try {
        await strapi.db.connection.schema.alterTable(meta().tableName, (t) =>
          t.unique([col('address'), col('scope')], {
            indexName: `${meta().tableName}_address_scope_uq`,
          })
        );
      } catch {
        // already there
      }
    },

    /**
     * Of these addresses, the ones newsletter mail of `scope` must not reach (lower case). Read at the call, with
     * the calls of the next millisecond: one indexed query for them all.
     */
    async suppressed(addresses: readonly string[], scope = ALL_NEWSLETTERS): Promise<Set<string>> {
      const wanted = [...new Set(addresses.map(normalAddress))].filter(Boolean);
      if (wanted.length === 0) return new Set();
      return lookups.call({ wanted, scope });
    },

    /** Adds an address (no-op when it is there for that scope already): answers the suppression and whether it is new. */
    async add(input: NewSuppression): Promise<{ suppression: Suppression; added: boolean }> {
      const data = check(input);
      const existing = await query().findOne({
        where: { address: data.address, scope: data.scope },
      });
      if (existing) return { suppression: toPublic(existing), added: false };
      try {
        const created = await query().create({ data });
        const suppression = toPublic(created);
        deps.onAdded(suppression);
        return { suppression, added: true };
      } catch (error) {
        // another process added it between our read and our insert (the unique index refused ours)
        const raced = await query().findOne({
          where: { address: data.address, scope: data.scope },
        });
        if (raced) return { suppression: toPublic(raced), added: false };
        throw error;
      }
    },

    async remove(id: number) {
      const row =
        Number.isSafeInteger(id) && id > 0 ? await query().findOne({ where: { id } }) : null;
      if (!row)
        throw new errors.NotFoundError(`suppression ${String(id).slice(0, 20)} not found`, {
          code: 'NOT_FOUND',
        });
      await query().delete({ where: { id } });
      return { id };
    },

    async list(q: ListSuppressions.Query): Promise<ListSuppressions.Response> {
      const page = Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1);
      const pageSize = Math.min(100, Math.max(1, Number.parseInt(q.pageSize ?? '25', 10) || 25));
      const where: Record<string, unknown>[] = [];
      if (q.q) where.push({ address: { $containsi: String(q.q).slice(0, 254) } });
      if (q.reason) {
        if (!SUPPRESSION_REASONS.includes(q.reason))
          throw new errors.ValidationError(
            `reason must be one of: ${SUPPRESSION_REASONS.join(', ')}`,
            { code: 'NOT_ONE_OF', field: 'reason' }
          );
        where.push({ reason: q.reason });
      }
      const filter = { $and: where };
      const [rows, total] = await Promise.all([
        query().findMany({
          where: filter,
          orderBy: { id: 'desc' },
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }),
        query().count({ where: filter }),
      ]);
      return {
        data: rows.map(toPublic),
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
      };
    },

    /** `address,scope,reason,detail,createdAt` with a header line, every suppression, oldest first. */
    async exportCsv(): Promise<string> {
      const lines = ['address,scope,reason,detail,createdAt'];
      let after = 0;
      for (;;) {
        const rows = await query().findMany({
          where: { id: { $gt: after } },
          orderBy: { id: 'asc' },
          limit: 1000,
        });
        if (rows.length === 0) break;
        for (const row of rows.map(toPublic))
          lines.push(
            [row.address, row.scope, row.reason, row.detail ?? '', row.createdAt]
              .map(csvField)
              .join(',')
          );
        after = Number(rows[rows.length - 1].id);
      }
      return `${lines.join('\r\n')}\r\n`;
    },

    /**
     * Adds every address of a CSV (`address[,scope[,reason[,detail]]]`; a header line starting with "address" is
     * skipped; reason defaults to manual). A bad line is refused alone, with its number.
     */
    async importCsv(csv: string): Promise<ImportSuppressions.Response['data']> {
      const lines = csv.split(/\r?\n/);
      if (lines.length > MAX_IMPORT_LINES)
        throw new errors.ValidationError(`at most ${MAX_IMPORT_LINES} lines per import`, {
          code: 'TOO_LONG',
          field: 'csv',
          params: { max: MAX_IMPORT_LINES },
        });
      const result: ImportSuppressions.Response['data'] = { added: 0, existing: 0, refused: [] };
      for (const [index, line] of lines.entries()) {
        if (!line.trim() || (index === 0 && /^\s*"?address"?\s*(,|$)/i.test(line))) continue;
        const [address, scope, reason, detail] = csvFields(line);
        try {
          const { added } = await suppressions.add({
            address,
            scope: scope || ALL_NEWSLETTERS,
            reason: (reason || 'manual') as SuppressionReason,
            detail: detail || 'imported',
          });
          if (added) result.added += 1;
          else result.existing += 1;
        } catch (error) {
          if (!(error instanceof errors.ValidationError)) throw error;
          if (result.refused.length < 100) {
            const { code, field } = (error.details ?? {}) as { code?: string; field?: string };
            result.refused.push({
              line: index + 1,
              message: error.message,
              code: code ?? 'INVALID',
              field: field ?? null,
            });
          }
        }
      }
      return result;
    },
  };
  return suppressions;
};

export type Suppressions = ReturnType<typeof createSuppressions>;
