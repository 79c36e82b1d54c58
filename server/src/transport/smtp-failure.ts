import type { SmtpStage } from '../../../shared/constants';

/** The shape nodemailer gives its errors (see nodemailer's errors module for the codes). */
interface NodemailerError extends Error {
  code?: string;
  originalCode?: string;
  command?: string;
  response?: string;
  responseCode?: number;
}

export interface SmtpFailure {
  stage: SmtpStage;
  /** nodemailer's error code, e.g. EAUTH, ECONNECTION, ETIMEDOUT, ETLS, EENVELOPE. */
  code: string;
  /** The server's reply line when there was one, e.g. "535 5.7.8 Authentication failed". */
  response?: string;
  responseCode?: number;
  /** One sentence an admin can act on; never contains the password. */
  message: string;
}

const STAGE_LABEL: Record<SmtpStage, string> = {
  connect: 'connecting to the server',
  timeout: 'waiting for the server (timed out)',
  tls: 'the TLS handshake',
  auth: 'authentication',
  sender: 'the sender address (MAIL FROM)',
  recipient: 'the recipients (RCPT TO)',
  data: 'the message data (DATA)',
  unknown: 'talking to the server',
};

const TLS_HINT = /SSL|TLS|certificate|self[- ]signed|wrong version number|handshake|EPROTO/i;

const stageOf = (error: NodemailerError): SmtpStage => {
  switch (error.code) {
    case 'ETIMEDOUT':
      return 'timeout';
    case 'ETLS':
    case 'EREQUIRETLS':
      return 'tls';
    case 'EAUTH':
    case 'ENOAUTH':
      return 'auth';
    case 'EENVELOPE':
      return error.command === 'RCPT TO' ? 'recipient' : 'sender';
    case 'EMESSAGE':
    case 'ESTREAM':
      return 'data';
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
      // a plain-text server answering a TLS client (or the reverse) surfaces as a socket error
      return TLS_HINT.test(`${error.message} ${error.originalCode ?? ''}`) ? 'tls' : 'connect';
    case 'EPROTOCOL':
      return error.command === 'CONN' || !error.command ? 'connect' : 'unknown';
    default:
      return 'unknown';
  }
};

/**
 * Names the SMTP stage a nodemailer error happened at, with the server's reply.
 * Secrets passed in `redact` are cut out of every text, in case a server echoes them back.
 */
export const describeSmtpFailure = (raw: unknown, redact: (string | null | undefined)[] = []): SmtpFailure => {
  // duck-typed: errors may come from another realm (vm contexts), where instanceof Error fails
  const error = (raw && typeof raw === 'object' && 'message' in raw ? raw : new Error(String(raw))) as NodemailerError;
  const scrub = (text: string) =>
    redact.reduce<string>((acc, secret) => (secret && secret.length >= 3 ? acc.split(secret).join('***') : acc), text);

  const stage = stageOf(error);
  const response = error.response ? scrub(error.response.trim()) : undefined;
  const detail = response ?? scrub(error.message);
  const code = error.code ?? 'EUNKNOWN';
  return {
    stage,
    code,
    response,
    responseCode: error.responseCode,
    message: `SMTP check failed at ${STAGE_LABEL[stage]} [${code}${error.originalCode ? `/${error.originalCode}` : ''}]: ${detail}`,
  };
};
