/** Which step of the rule chose the account, or what happens when none matches. */
export type ResolveRule =
  | 'newsletter-name-address'
  | 'newsletter-address'
  | 'name-address'
  | 'address'
  | 'fallback'
  | 'reject'
  | 'module-off';

export declare namespace ResolveFrom {
  interface Request {
    body: { from: string; newsletter?: boolean };
  }
  interface Response {
    data: { account: { id: number; name: string; email: string } | null; rule: ResolveRule };
  }
}
