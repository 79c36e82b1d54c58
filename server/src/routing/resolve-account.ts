import type { Sender } from './parse-from';

/** What the rule needs of an account. */
export interface RoutableAccount {
  id: number;
  name: string;
  email: string;
  active: boolean;
  preferForNewsletters: boolean;
}

export type RuleName =
  'newsletter-name-address' | 'newsletter-address' | 'name-address' | 'address';

interface Step {
  rule: RuleName;
  newsletterOnly: boolean;
  matches(account: RoutableAccount, sender: Sender): boolean;
}

/**
 * The seed's search, step by step. Each step looks only at active accounts whose address equals
 * the sender's (case-insensitively); within a step the highest id wins.
 * Names compare exactly after trimming (and RFC 2047 decoding): "Team" and "team" are different
 * senders, as they are different From lines to a reader.
 */
export const RULE_STEPS: readonly Step[] = [
  // 1. a newsletter: "search first for newsletters" accounts with the same name and address…
  {
    rule: 'newsletter-name-address',
    newsletterOnly: true,
    matches: (a, s) => a.preferForNewsletters && a.name === s.name,
  },
  // …else those with the same address
  { rule: 'newsletter-address', newsletterOnly: true, matches: (a) => a.preferForNewsletters },
  // 2. any mail (and a newsletter step 1 missed): same name and address
  { rule: 'name-address', newsletterOnly: false, matches: (a, s) => a.name === s.name },
  // 3. same address
  { rule: 'address', newsletterOnly: false, matches: () => true },
];

/**
 * Accounts grouped by lower-cased address, active only, highest id first: choosing an account
 * is then one map look-up and a scan of the few accounts that share that address.
 */
export class AccountIndex<A extends RoutableAccount = RoutableAccount> {
  private readonly byAddress = new Map<string, A[]>();
  readonly size: number;

  constructor(accounts: Iterable<A>) {
    let size = 0;
    for (const account of accounts) {
      if (!account.active) continue;
      const key = account.email.toLowerCase();
      const group = this.byAddress.get(key);
      if (group) group.push(account);
      else this.byAddress.set(key, [account]);
      size += 1;
    }
    for (const group of this.byAddress.values()) group.sort((a, b) => b.id - a.id);
    this.size = size;
  }

  candidates(sender: Sender): readonly A[] {
    return this.byAddress.get(sender.key) ?? [];
  }
}

export interface Resolution<A extends RoutableAccount = RoutableAccount> {
  account: A;
  rule: RuleName;
}

/** Every account that may send this mail, in the order the rule prefers them (for failover). */
export function* candidatesInRuleOrder<A extends RoutableAccount>(
  index: AccountIndex<A>,
  sender: Sender,
  newsletter: boolean
): Generator<Resolution<A>> {
  const group = index.candidates(sender);
  if (group.length === 0) return;
  const seen = new Set<number>();
  for (const step of RULE_STEPS) {
    if (step.newsletterOnly && !newsletter) continue;
    for (const account of group) {
      if (!seen.has(account.id) && step.matches(account, sender)) {
        seen.add(account.id);
        yield { account, rule: step.rule };
      }
    }
  }
}

/** The account that sends this mail, and by which step of the rule; null when none matches. */
export const resolveAccount = <A extends RoutableAccount>(
  index: AccountIndex<A>,
  sender: Sender,
  newsletter: boolean
): Resolution<A> | null => {
  const group = index.candidates(sender);
  for (const step of RULE_STEPS) {
    if (step.newsletterOnly && !newsletter) continue;
    // group is sorted by id, highest first: the first match is the winner of this step
    const account = group.find((candidate) => step.matches(candidate, sender));
    if (account) return { account, rule: step.rule };
  }
  return null;
};
