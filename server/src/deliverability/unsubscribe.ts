import { timingSafeEqual } from 'node:crypto';
import { ALL_NEWSLETTERS } from '../../../shared/contracts/deliverability';

export const UNSUBSCRIBE_PATH = '/api/smtp-accounts/unsubscribe';

const html = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
  `<meta name="robots" content="noindex"><title>${html(title)}</title>` +
  '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}' +
  'button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:4px;background:#4945ff;color:#fff;cursor:pointer}</style>' +
  `</head><body><h1>${html(title)}</h1>${body}</body></html>`;

/**
 * One-click unsubscribe (RFC 8058) for newsletter mail. A token names one recipient and one list (`*`: every
 * newsletter) and is signed with a key derived from the plugin's encryption key: unguessable, the same in
 * every process, valid as long as the key. The mail carries `List-Unsubscribe: <https://…/unsubscribe/TOKEN>`
 * (and a `mailto:` when configured) and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, both inside
 * the DKIM signature. The POST a mailbox provider sends suppresses at once; a GET (link scanners follow
 * them) only shows a page with a button that posts the same form.
 */
export const createUnsubscribe = (deps: {
  mac: (data: string) => string;
  /** The public origin the links point at (config `unsubscribe.baseUrl`, else Strapi's `server.url`). */
  baseUrl: () => string;
  /** An address that takes unsubscribe mails (config `unsubscribe.mailto`), or empty. */
  mailto: () => string;
}) => {
  const unsubscribe = {
    token(address: string, scope = ALL_NEWSLETTERS) {
      const payload = Buffer.from(
        JSON.stringify([address.trim().toLowerCase(), scope]),
        'utf8'
      ).toString('base64url');
      return `${payload}.${deps.mac(payload)}`;
    },

    /** The recipient and list a token names, or null when it is not one of ours (forged, altered, truncated). */
    read(token: string): { address: string; scope: string } | null {
      if (typeof token !== 'string' || token.length > 1000) return null;
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined) return null;
      const expected = Buffer.from(deps.mac(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      try {
        const [address, scope] = JSON.parse(
          Buffer.from(payload, 'base64url').toString('utf8')
        ) as unknown[];
        return typeof address === 'string' && typeof scope === 'string' ? { address, scope } : null;
      } catch {
        return null;
      }
    },

    url: (address: string, scope = ALL_NEWSLETTERS) =>
      `${deps.baseUrl().replace(/\/+$/, '')}${UNSUBSCRIBE_PATH}/${unsubscribe.token(address, scope)}`,

    /** The two headers of a newsletter mail to one recipient. */
    headers(address: string, scope = ALL_NEWSLETTERS): Record<string, string> {
      const token = unsubscribe.token(address, scope);
      const links = [`<${deps.baseUrl().replace(/\/+$/, '')}${UNSUBSCRIBE_PATH}/${token}>`];
      if (deps.mailto())
        links.push(
          `<mailto:${deps.mailto()}?subject=${encodeURIComponent(`unsubscribe ${token}`)}>`
        );
      return {
        'List-Unsubscribe': links.join(', '),
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      };
    },

    /** The page a GET shows: nothing changes until the button is pressed. */
    confirmPage: (address: string) =>
      page(
        'Unsubscribe',
        `<p>Stop the newsletters to <b>${html(address)}</b>?</p>` +
          '<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>'
      ),
    donePage: (address: string) =>
      page('Unsubscribed', `<p><b>${html(address)}</b> gets no more newsletters from us.</p>`),
    invalidPage: () =>
      page(
        'Link not valid',
        '<p>This unsubscribe link is not valid. Use the link of a newer mail, or reply to it.</p>'
      ),
  };
  return unsubscribe;
};

export type Unsubscribe = ReturnType<typeof createUnsubscribe>;
