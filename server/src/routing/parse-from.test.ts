import { parseFrom, parsedFromCacheSize, PARSED_FROMS_MAX_CHARS } from './parse-from';

describe('parseFrom', () => {
  it.each([
    ['Рассылка 34web <letter@34web.ru>', 'Рассылка 34web', 'letter@34web.ru'],
    ['"Doe, John" <John@Example.COM>', 'Doe, John', 'John@Example.COM'],
    ['=?UTF-8?B?0KDQsNGB0YHRi9C70LrQsA==?= <a@b.test>', 'Рассылка', 'a@b.test'],
    ['=?UTF-8?Q?Caf=C3=A9?= <cafe@b.test>', 'Café', 'cafe@b.test'],
    ['bare@x.test', '', 'bare@x.test'],
    ['  Team   <team@x.test>  ', 'Team', 'team@x.test'],
  ])('%s', (from, name, address) => {
    expect(parseFrom(from)).toEqual({ name, address, key: address.toLowerCase() });
  });

  it('takes nodemailer address objects', () => {
    expect(parseFrom({ name: ' Ops ', address: 'OPS@x.test' })).toEqual({
      name: 'Ops',
      address: 'OPS@x.test',
      key: 'ops@x.test',
    });
  });

  it.each([undefined, null, '', 'no address here', 'a@b.test, c@d.test', '<>'])(
    'refuses %p',
    (from) => {
      expect(parseFrom(from as never)).toBeNull();
    }
  );
});

describe('the parsed-From cache is bounded in characters, not entries', () => {
  it('holds at most PARSED_FROMS_MAX_CHARS whatever the lines, and refuses lines over 998 characters', () => {
    for (let i = 0; i < 3000; i++) parseFrom(`${'N'.repeat(900)}${i} <n${i}@example.test>`);
    const { chars, entries } = parsedFromCacheSize();
    expect(chars).toBeLessThanOrEqual(PARSED_FROMS_MAX_CHARS);
    expect(entries).toBeLessThan(3000);
    expect(parseFrom(`${'x'.repeat(100000)} <big@example.test>`)).toBeNull();
    expect(parsedFromCacheSize().chars).toBeLessThanOrEqual(PARSED_FROMS_MAX_CHARS);
    // the newest lines are still served from the cache
    expect(parseFrom(`${'N'.repeat(900)}2999 <n2999@example.test>`)?.key).toBe(
      'n2999@example.test'
    );
  });
});
