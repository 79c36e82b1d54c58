import { parseFrom } from './parse-from';
import {
  AccountIndex,
  candidatesInRuleOrder,
  resolveAccount,
  type RoutableAccount,
} from './resolve-account';

const acc = (
  id: number,
  name: string,
  email: string,
  extra: Partial<RoutableAccount> = {}
): RoutableAccount => ({
  id,
  name,
  email,
  active: true,
  preferForNewsletters: false,
  ...extra,
});

// Several accounts share names and addresses, as the seed intends
const accounts = [
  acc(1, 'Рассылка 34web', 'letter@34web.ru'),
  acc(2, 'Рассылка 34web', 'letter@34web.ru'),
  acc(3, 'Other name', 'letter@34web.ru'),
  acc(4, 'Рассылка 34web', 'letter@34web.ru', { preferForNewsletters: true }),
  acc(5, 'Promo', 'letter@34web.ru', { preferForNewsletters: true }),
  acc(6, 'Рассылка 34web', 'letter@34web.ru', { active: false }),
  acc(7, 'Рассылка 34web', 'letter@34web.ru', { active: false, preferForNewsletters: true }),
  acc(8, 'Support', 'Support@Example.test'),
  acc(9, '', 'noname@example.test'),
  acc(10, 'Only', 'only-news@example.test', { preferForNewsletters: true }),
  // an ordinary account created after the newsletter one: the seed's way to keep them apart
  acc(11, 'Рассылка 34web', 'letter@34web.ru'),
];
const index = new AccountIndex(accounts);
const choose = (from: string, newsletter = false) => {
  const r = resolveAccount(index, parseFrom(from)!, newsletter);
  return r ? [r.account.id, r.rule] : null;
};

describe('resolveAccount — the seed rule', () => {
  it.each([
    // ordinary mail: exact name + address, highest id (inactive 6 and 7 never)
    ['Рассылка 34web <letter@34web.ru>', false, [11, 'name-address']],
    ['Other name <letter@34web.ru>', false, [3, 'name-address']],
    // name matches nothing → address, highest active id
    ['Unknown <letter@34web.ru>', false, [11, 'address']],
    ['letter@34web.ru', false, [11, 'address']],
    // newsletter: flagged + name + address
    ['Рассылка 34web <letter@34web.ru>', true, [4, 'newsletter-name-address']],
    // newsletter, name matches no flagged account → flagged by address, highest id
    ['Other name <letter@34web.ru>', true, [5, 'newsletter-address']],
    // newsletter with no flagged account for that address → ordinary steps
    ['Support <support@example.test>', true, [8, 'name-address']],
    // address case-insensitive, name exact
    ['Support <SUPPORT@EXAMPLE.TEST>', false, [8, 'name-address']],
    ['support <support@example.test>', false, [8, 'address']],
    // a From with no name matches an account with no name by name+address
    ['noname@example.test', false, [9, 'name-address']],
    ['Only <only-news@example.test>', true, [10, 'newsletter-name-address']],
    ['nobody@example.test', false, null],
    ['nobody@example.test', true, null],
  ])('%s (newsletter %s) → %j', (from, newsletter, expected) => {
    expect(choose(from, newsletter)).toEqual(expected);
  });

  it('with the same name and address, the highest id wins; the newsletter-first account wins only for newsletters', () => {
    expect(choose('Рассылка 34web <letter@34web.ru>', false)).toEqual([11, 'name-address']);
    expect(choose('Рассылка 34web <letter@34web.ru>', true)).toEqual([
      4,
      'newsletter-name-address',
    ]);
  });

  it("the newsletter flag does not take an account out of ordinary mail (the seed's steps 2 and 3 look at every account)", () => {
    const flaggedOnly = new AccountIndex([
      acc(1, 'A', 'a@x.test'),
      acc(2, 'A', 'a@x.test', { preferForNewsletters: true }),
    ]);
    expect(resolveAccount(flaggedOnly, parseFrom('A <a@x.test>')!, false)).toMatchObject({
      account: { id: 2 },
      rule: 'name-address',
    });
  });

  it('inactive accounts never take part', () => {
    const onlyInactive = new AccountIndex([acc(1, 'A', 'a@x.test', { active: false })]);
    expect(resolveAccount(onlyInactive, parseFrom('A <a@x.test>')!, false)).toBeNull();
    expect(onlyInactive.size).toBe(0);
  });

  it('lists every candidate in rule order, each once (for failover)', () => {
    const order = [
      ...candidatesInRuleOrder(index, parseFrom('Рассылка 34web <letter@34web.ru>')!, true),
    ].map((c) => [c.account.id, c.rule]);
    expect(order).toEqual([
      [4, 'newsletter-name-address'],
      [5, 'newsletter-address'],
      [11, 'name-address'],
      [2, 'name-address'],
      [1, 'name-address'],
      [3, 'address'],
    ]);
  });
});
