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
    // RFC 5322 caps a header line at 998 characters: anything longer is not a From we route
    if (from.length > MAX_FROM_LENGTH) return null;
    // a site sends from a handful of From lines: remember them (parsing costs more than choosing)
    const known = parsedFroms.get(from);
    if (known !== undefined) return known;
    const parsed = parseFromUncached(from);
    remember(from, parsed);
    return parsed;
  }
  return parseFromUncached(from);
};

export const MAX_FROM_LENGTH = 998;
/** The cache holds at most this many characters of From lines (~2 MB of heap with the parsed senders). */
export const PARSED_FROMS_MAX_CHARS = 512 * 1024;
const parsedFroms = new Map<string, Sender | null>();
let cachedChars = 0;

/** Keeps a parsed line, forgetting the oldest ones (a Map iterates in insertion order) to stay in the bound. */
const remember = (line: string, parsed: Sender | null) => {
  const cost = line.length * 2; // the line and its parsed name/address
  while (cachedChars + cost > PARSED_FROMS_MAX_CHARS && parsedFroms.size > 0) {
    const oldest = parsedFroms.keys().next().value as string;
    parsedFroms.delete(oldest);
    cachedChars -= oldest.length * 2;
  }
  parsedFroms.set(line, parsed);
  cachedChars += cost;
};

/** What the cache holds now (for the tests and the bench). */
export const parsedFromCacheSize = () => ({ entries: parsedFroms.size, chars: cachedChars });

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
