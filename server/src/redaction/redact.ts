/**
 * The one redaction function. A secret can come back to us in more shapes than the one we sent:
 * plain (a server quoting what it got), base64 as AUTH LOGIN and AUTH PLAIN carry it, with or
 * without padding, or URL/JSON-escaped. Every text that leaves the send or save path (errors,
 * send-log rows, server log lines) goes through `redact` with the forms of the secrets in play.
 */
export const REDACTED = '[redacted]';

export interface Credentials {
  user?: string | null;
  pass?: string | null;
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Every form in which this secret may be echoed, longest first (so a longer form is cut whole). */
export const secretForms = ({ user, pass }: Credentials): string[] => {
  if (!pass) return [];
  const login = user ?? '';
  const encoded = [
    base64(pass),
    base64(`\u0000${login}\u0000${pass}`),
    base64(`${login}\u0000${login}\u0000${pass}`),
  ];
  const forms = new Set<string>([
    pass,
    ...encoded,
    ...encoded.map((form) => form.replace(/=+$/, '')),
    encodeURIComponent(pass),
    new URLSearchParams({ p: pass }).toString().slice(2),
    JSON.stringify(pass).slice(1, -1),
    Buffer.from(pass, 'utf8').toString('hex'),
  ]);
  // every length: a short password mangles a reply, but is never quoted
  return [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Cuts every given form out of the text, whatever its letter case (a server may upper- or lower-case it). */
export const redact = (text: string, forms: readonly string[]): string => {
  let result = text;
  for (const form of forms) {
    if (result.toLowerCase().includes(form.toLowerCase()))
      result = result.replace(new RegExp(escapeRegExp(form), 'gi'), REDACTED);
  }
  return result;
};

/** `redact` for an optional text. */
export const redactOptional = (text: string | null | undefined, forms: readonly string[]) =>
  text == null ? text : redact(text, forms);

/** Forms of an OAuth2 token: plain, and the XOAUTH2 initial response (base64 of `user=…\x01auth=Bearer …\x01\x01`). */
export const tokenForms = (user: string, token: string | null | undefined): string[] => {
  if (!token) return [];
  const xoauth2 = base64(`user=${user}\u0001auth=Bearer ${token}\u0001\u0001`);
  return [...new Set([token, xoauth2, xoauth2.replace(/=+$/, ''), encodeURIComponent(token)])]
    .filter((form) => form.length >= 3)
    .sort((a, b) => b.length - a.length);
};
