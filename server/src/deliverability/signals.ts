/**
 * What a mail says about itself: whether it is bulk mail (a newsletter) by its headers, and which of its
 * recipients a server refused for good (a hard bounce).
 */

/** Headers that mark bulk mail (RFC 2369, RFC 2919, `Precedence: bulk|list`), plus any named in the settings. */
export const isBulkByHeaders = (headers: unknown, extraNames: readonly string[] = []): boolean => {
  const entries: [string, unknown][] = Array.isArray(headers)
    ? headers.map((h) => [
        String((h as { key?: unknown })?.key ?? ''),
        (h as { value?: unknown })?.value,
      ])
    : headers && typeof headers === 'object'
      ? Object.entries(headers as Record<string, unknown>)
      : [];
  const extra = new Set(extraNames.map((name) => name.trim().toLowerCase()).filter(Boolean));
  return entries.some(([rawName, value]) => {
    const name = rawName.trim().toLowerCase();
    if (name === 'list-unsubscribe' || name === 'list-id' || extra.has(name)) return true;
    return name === 'precedence' && /^\s*(bulk|list)\s*$/i.test(String(value ?? ''));
  });
};

interface RejectionDetails {
  rejected?: unknown;
  rejectedErrors?: { recipient?: string; responseCode?: number; response?: string }[];
  responseCode?: number;
  response?: string;
  command?: string;
}

/**
 * Recipients a server refused permanently: a 5xx at `RCPT TO` (nodemailer's `rejectedErrors`, on a delivered
 * mail's info or on the error when every recipient was refused), or a 5xx after DATA whose reply names a
 * recipient. A 4xx (greylisting, a full mailbox for now) is not a hard bounce.
 */
export const hardBounces = (
  outcome: unknown,
  recipients: readonly string[]
): { address: string; reply: string }[] => {
  const details = (outcome ?? {}) as RejectionDetails;
  const found = new Map<string, string>();
  for (const refusal of details.rejectedErrors ?? []) {
    if ((refusal.responseCode ?? 0) >= 500 && refusal.recipient)
      found.set(refusal.recipient.toLowerCase(), String(refusal.response ?? refusal.responseCode));
  }
  if (
    (details.responseCode ?? 0) >= 500 &&
    details.command !== 'RCPT TO' &&
    typeof details.response === 'string'
  ) {
    const reply = details.response.toLowerCase();
    for (const recipient of recipients)
      if (reply.includes(recipient.toLowerCase()))
        found.set(recipient.toLowerCase(), details.response);
  }
  return [...found].map(([address, reply]) => ({ address, reply: reply.slice(0, 255) }));
};
