import { describeSmtpFailure, isFailoverSafe } from './smtp-failure';

const nodemailerError = (message: string, extra: Record<string, unknown>) =>
  Object.assign(new Error(message), extra);

describe('describeSmtpFailure', () => {
  it('quotes an SMTP reply, cutting the secret forms it is given', () => {
    const failure = describeSmtpFailure(
      nodemailerError('Invalid login: 535 bad hunter22', {
        code: 'EAUTH',
        response: '535 5.7.8 bad hunter22',
        responseCode: 535,
      }),
      ['hunter22']
    );
    expect(failure).toMatchObject({
      stage: 'auth',
      code: 'EAUTH',
      response: '535 5.7.8 bad [redacted]',
      responseCode: 535,
    });
    expect(failure.message).not.toContain('hunter22');
  });

  it('never quotes the banner of a non-SMTP service', () => {
    const banner = 'SSH-2.0-OpenSSH_9.6p1 build-7731';
    for (const error of [
      nodemailerError(`Invalid greeting. response=${banner}`, {
        code: 'EPROTOCOL',
        response: banner,
        command: 'CONN',
      }),
      nodemailerError(`Invalid greeting. response=${banner}`, {
        code: 'EPROTOCOL',
        command: 'CONN',
      }),
    ]) {
      const failure = describeSmtpFailure(error);
      expect(failure.detail).toBe('the server did not answer as an SMTP server');
      expect(failure.message).not.toContain('OpenSSH');
      expect(failure.response).toBeUndefined();
    }
  });
});

describe('isFailoverSafe', () => {
  it('a pool closed while the mail waited, and a denied host, never sent anything: safe', () => {
    expect(isFailoverSafe(new Error('Connection pool was closed'))).toBe(true);
    expect(
      isFailoverSafe(nodemailerError('Connection pool was closed', { code: 'ECONNECTION' }))
    ).toBe(true);
    expect(isFailoverSafe(nodemailerError('denied', { code: 'EHOSTDENIED' }))).toBe(true);
  });

  it('a socket timeout or a dropped connection during DATA may have delivered: not safe', () => {
    expect(
      isFailoverSafe(
        nodemailerError('Timeout', { code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' })
      )
    ).toBe(false);
    expect(
      isFailoverSafe(
        nodemailerError('Connection closed', { code: 'ECONNECTION', originalCode: 'ECONNRESET' })
      )
    ).toBe(false);
    expect(
      isFailoverSafe(nodemailerError('554 spam', { code: 'EMESSAGE', responseCode: 554 }))
    ).toBe(false);
  });
});
