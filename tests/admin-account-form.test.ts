import { EMPTY_ACCOUNT, toFormValues, toInput } from '../admin/src/utils/accountForm';
import type { SmtpAccount } from '../shared/contracts/accounts';

/** The panel's request body for OAuth2 accounts: what the server's sign-out and client-secret rules compare. */
const stored: SmtpAccount = {
  id: 7,
  documentId: 'doc7',
  name: 'Desk',
  email: 'desk@example.test',
  host: '127.0.0.1',
  port: 2525,
  security: 'none',
  authType: 'oauth2',
  username: 'desk',
  hasPassword: false,
  passwordState: 'none',
  active: true,
  preferForNewsletters: false,
  limitPerMinute: null,
  limitPerHour: null,
  limitPerDay: null,
  limitCounts: 'messages',
  oauthProvider: 'generic',
  oauthTenant: '',
  oauthClientId: 'client',
  hasClientSecret: true,
  oauthAuthorizeUrl: 'http://127.0.0.1:9/authorize',
  oauthTokenUrl: 'http://127.0.0.1:9/token',
  oauthScope: 'smtp',
  oauthStatus: 'connected',
  domainCheck: null,
  createdAt: '',
  updatedAt: '',
};

describe('toInput (admin account form)', () => {
  it('a new OAuth2 account sends its registration, empty texts as null, never a password', () => {
    const input = toInput({
      ...EMPTY_ACCOUNT,
      authType: 'oauth2',
      oauthProvider: 'google',
      oauthClientId: ' id ',
      oauthClientSecret: 's',
      password: 'x',
    });
    expect(input).toMatchObject({
      authType: 'oauth2',
      oauthProvider: 'google',
      oauthClientId: 'id',
      oauthClientSecret: 's',
      oauthTenant: null,
      oauthScope: null,
    });
    expect(input).not.toHaveProperty('password');
  });

  it('an unchanged OAuth2 account sends no OAuth2 field (the sign-in stays), an empty secret keeps the stored one', () => {
    const input = toInput({ ...toFormValues(stored), name: 'Help desk' }, stored);
    expect(Object.keys(input).filter((key) => key.startsWith('oauth'))).toEqual([]);
  });

  it('only the changed OAuth2 field is sent', () => {
    const input = toInput(
      {
        ...toFormValues(stored),
        oauthTokenUrl: 'http://127.0.0.1:10/token',
        oauthClientSecret: 'new',
      },
      stored
    );
    expect(
      Object.keys(input)
        .filter((key) => key.startsWith('oauth'))
        .sort()
    ).toEqual(['oauthClientSecret', 'oauthTokenUrl']);
  });

  it('a password account sends no OAuth2 field', () => {
    const input = toInput({ ...EMPTY_ACCOUNT, password: 'pw' });
    expect(Object.keys(input).filter((key) => key.startsWith('oauth'))).toEqual([]);
    expect(input.password).toBe('pw');
  });
});
