import SMTPConnection from 'nodemailer/lib/smtp-connection';
import XOAuth2 from 'nodemailer/lib/xoauth2';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { secretForms, tokenForms } from '../redaction/redact';
import { describeSmtpFailure, type SmtpFailure } from './smtp-failure';

export interface VerifyResult {
  ok: boolean;
  failure?: SmtpFailure;
  /** Milliseconds spent in each stage reached, for diagnostics and the benchmarks. */
  timings: Partial<Record<'connect' | 'auth' | 'sender' | 'total', number>>;
}

/** nodemailer keeps the reply queue internal; MAIL FROM on its own is not in its public API. */
interface ConnectionInternals {
  _sendCommand(command: string): void;
  _responseActions: ((reply: string) => void)[];
  _formatError(message: string, type: string, response: string, command: string): Error;
}

/**
 * Checks an account the way a send would use it, without sending anything:
 * connect (+ implicit TLS or STARTTLS), authenticate, then `MAIL FROM:<sender>` and `RSET`.
 * nodemailer's `transporter.verify()` stops after AUTH, so a server that refuses the account's
 * address as sender would only be found at the first real mail; we ask for it here.
 * The whole check is bounded by `deadlineMs`.
 */
export const verifySmtpAccount = (
  options: SMTPTransport.Options,
  sender: string,
  deadlineMs: number,
  /** More forms to cut out of a failure's text (tokens handed out while it ran), read when it fails. */
  moreForms: () => readonly string[] = () => []
): Promise<VerifyResult> => {
  const started = Date.now();
  const timings: VerifyResult['timings'] = {};
  const mark = (stage: keyof VerifyResult['timings']) => {
    timings[stage] = Date.now() - started;
  };
  const given = (options.auth ?? {}) as { user?: string; pass?: string; accessToken?: string };
  const secrets = [
    ...secretForms({ user: given.user, pass: given.pass }),
    ...tokenForms(given.user ?? '', given.accessToken),
  ];

  return new Promise<VerifyResult>((resolve) => {
    const connection = new SMTPConnection(options);
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      mark('total');
      if (error) {
        connection.close();
        resolve({
          ok: false,
          failure: describeSmtpFailure(error, [...secrets, ...moreForms()]),
          timings,
        });
      } else {
        connection.quit();
        resolve({ ok: true, timings });
      }
    };

    const deadline = setTimeout(() => {
      const error = Object.assign(new Error(`no answer within ${deadlineMs} ms`), {
        code: 'ETIMEDOUT',
      });
      finish(error);
    }, deadlineMs);

    connection.once('error', finish);
    connection.once('end', () =>
      finish(Object.assign(new Error('Connection closed by the server'), { code: 'ECONNECTION' }))
    );

    const checkSender = () => {
      const internals = connection as unknown as ConnectionInternals;
      internals._responseActions.push((reply: string) => {
        mark('sender');
        if (!reply.startsWith('2')) {
          return finish(
            internals._formatError('Sender address rejected', 'EENVELOPE', reply, 'MAIL FROM')
          );
        }
        connection.reset((error) => finish(error ?? undefined));
      });
      internals._sendCommand(`MAIL FROM:<${sender}>`);
    };

    connection.connect((error?: Error) => {
      mark('connect');
      if (error) return finish(error);
      if (!options.auth) return checkSender();
      // the same credentials + method shape SMTPTransport hands its connections
      const given = options.auth as {
        type?: string;
        user?: string;
        accessToken?: string;
        provisionCallback?: unknown;
      };
      const auth = (
        given.type === 'OAuth2'
          ? {
              user: given.user,
              oauth2: new XOAuth2({
                user: given.user,
                accessToken: given.accessToken,
                provisionCallback: given.provisionCallback,
              } as never),
              method: 'XOAUTH2',
            }
          : { ...(options.auth as SMTPConnection.Credentials), method: options.authMethod }
      ) as SMTPConnection.AuthenticationCredentials;
      connection.login(auth, (error) => {
        mark('auth');
        if (error) return finish(error);
        checkSender();
      });
    });
  });
};
