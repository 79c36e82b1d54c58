import addressparser from 'nodemailer/lib/addressparser';
import libmime from 'libmime';

/** A sender as the routing rule sees it. */
export interface Sender {
  /** Display name, RFC 2047 words decoded, trimmed; '' when the From has none. */
  name: string;
  /** The address as given (kept for the outgoing message). */
  address: string;
  /** Lower-cased address: addresses compare case-insensitively. */
  key: string;
}

export type FromInput = string | { name?: string; address: string } | null | undefined;

const decode = (text: string) => {
  try {
    return libmime.decodeWords(text);
  } catch {
    return text; // an unknown charset keeps the raw words rather than failing the send
  }
};

/**
 * Reads a From the way Strapi callers give it: `Name <addr>`, `"Quoted, Name" <addr>`,
 * encoded words (`=?UTF-8?B?...?= <addr>`), a bare address, or nodemailer's `{ name, address }`.
 * Returns null when there is no single usable address.
 */
export const parseFrom = (from: FromInput): Sender | null => {
  if (!from) return null;
  if (typeof from === 'string') {
    // a site sends from a handful of From lines: remember them (parsing costs more than choosing)
    const known = parsedFroms.get(from);
    if (known !== undefined) return known;
    // forget the oldest line when full (a Map iterates in insertion order)
    if (parsedFroms.size >= PARSED_FROMS_MAX) parsedFroms.delete(parsedFroms.keys().next().value as string);
    const parsed = parseFromUncached(from);
    parsedFroms.set(from, parsed);
    return parsed;
  }
  return parseFromUncached(from);
};

const PARSED_FROMS_MAX = 10000;
const parsedFroms = new Map<string, Sender | null>();

const parseFromUncached = (from: Exclude<FromInput, null | undefined>): Sender | null => {
  let name: string;
  let address: string;
  if (typeof from === 'object') {
    name = from.name ?? '';
    address = from.address ?? '';
  } else {
    const parsed = addressparser(String(from), { flatten: true });
    if (parsed.length !== 1) return null;
    name = parsed[0].name ?? '';
    address = parsed[0].address ?? '';
  }
  address = address.trim();
  if (!address || !address.includes('@') || /[\s<>]/.test(address)) return null;
  return { name: decode(name).trim(), address, key: address.toLowerCase() };
};
