import type { SmtpStage } from '../../../shared/constants';
import { redact } from '../redaction/redact';

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
  /** The server's reply, else the error's own text (scrubbed). */
  detail: string;
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
    case 'EDECRYPT':
      return 'auth';
    case 'EENVELOPE':
      return error.command === 'RCPT TO' ? 'recipient' : 'sender';
    case 'EMESSAGE':
    case 'ESTREAM':
      return 'data';
    case 'EHOSTDENIED':
      return 'connect';
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
      // a plain-text server answering a TLS client (or the reverse) surfaces as a socket error
      if (TLS_HINT.test(`${error.message} ${error.originalCode ?? ''}`)) return 'tls';
      // a connection that dropped once established: it may have been in any step, DATA included
      return /closed unexpectedly/i.test(error.message) ||
        ['ECONNRESET', 'EPIPE'].includes(error.originalCode ?? '')
        ? 'unknown'
        : 'connect';
    case 'EPROTOCOL':
      return error.command === 'CONN' || !error.command ? 'connect' : 'unknown';
    default:
      return 'unknown';
  }
};

// An SMTP reply starts with a three-digit code; anything else (an HTTP or SSH banner, a database
// greeting) is a non-SMTP service, whose banner is not quoted back to the admin.
const SMTP_REPLY = /^[2-5]\d\d(?:[ -]|$)/;
const MAX_DETAIL = 500;
const NOT_SMTP = 'the server did not answer as an SMTP server';

/**
 * Names the SMTP stage a nodemailer error happened at, with the server's reply.
 * `secretForms` (see redaction/redact) are cut out of every text, in case a server echoes them back.
 */
export const describeSmtpFailure = (
  raw: unknown,
  secretForms: readonly string[] = []
): SmtpFailure => {
  // duck-typed: errors may come from another realm (vm contexts), where instanceof Error fails
  const error = (
    raw && typeof raw === 'object' && 'message' in raw ? raw : new Error(String(raw))
  ) as NodemailerError;
  const scrub = (text: string) => redact(text, secretForms).slice(0, MAX_DETAIL);

  const stage = stageOf(error);
  const reply = typeof error.response === 'string' ? error.response.trim() : '';
  const response = reply && SMTP_REPLY.test(reply) ? scrub(reply) : undefined;
  // nodemailer appends what it got to some messages ("Invalid greeting. response=…"): keep only its own words
  const ownWords = String(error.message ?? '').replace(/\s*response=[\s\S]*$/, '');
  const detail = response ?? (reply || ownWords !== error.message ? NOT_SMTP : scrub(ownWords));
  const code = error.code ?? 'EUNKNOWN';
  return {
    stage,
    code,
    response,
    responseCode: response ? error.responseCode : undefined,
    detail,
    message: `SMTP check failed at ${STAGE_LABEL[stage]} [${code}${error.originalCode ? `/${error.originalCode}` : ''}]: ${detail}`,
  };
};

// Socket errors that mean no connection was made at all
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const HANDSHAKE_FAILURE = /^ERR_SSL_|CERT|SELF_SIGNED|UNABLE_TO_VERIFY/;
// nodemailer's timeoutType for the set-up phases (a SOCKET_TIMEOUT may come in the middle of DATA)
const SETUP_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

/**
 * True when another account may safely try the same mail: the failure happened before the server
 * could have accepted the message — connection refused, a set-up timeout, TLS, authentication, a 4xx
 * greeting or a 4xx reply to MAIL FROM / RCPT TO. A permanent 5xx rejection, and any failure that
 * may have happened during or after DATA (socket timeouts, dropped connections), are final:
 * retrying could deliver the mail twice.
 */
export const isFailoverSafe = (raw: unknown): boolean => {
  const error = raw as NodemailerError & { timeoutType?: string };
  if (!error || typeof error !== 'object') return false;
  const reply = error.responseCode ?? 0;
  // a 4xx reply, at any step, says the server did not take the message
  if (reply >= 400 && reply < 500) return true;
  // a replaced or closed pool refuses (or drops from its queue) mail it never started to send
  if (error.message === 'Connection pool was closed') return true;
  switch (error.code) {
    case 'EHOSTDENIED':
      return true;
    case 'ETLS':
    case 'EAUTH':
    case 'ENOAUTH':
    case 'EDECRYPT':
    case 'EDNS':
      return true;
    case 'ETIMEDOUT':
      return SETUP_TIMEOUTS.has(error.timeoutType ?? '');
    case 'ECONNECTION':
    case 'ESOCKET':
      // never connected, or the TLS handshake failed (certificate, protocol): no SMTP was spoken
      return (
        NEVER_CONNECTED.has(error.originalCode ?? '') ||
        HANDSHAKE_FAILURE.test(error.originalCode ?? '')
      );
    case 'EPROTOCOL':
      return /greeting/i.test(error.message);
    default:
      return false;
  }
};

/**
 * True when the server may hold the message although the send failed: a dropped connection or a
 * socket timeout after the set-up, with no final reply. Such a mail is never resent (nor failed
 * over): a copy may already be on its way. A definitive 5xx reply, and every failover-safe failure, is not uncertain.
 */
export const mayHaveBeenDelivered = (raw: unknown): boolean => {
  const error = raw as NodemailerError;
  if (!error || typeof error !== 'object' || isFailoverSafe(error)) return false;
  if ((error.responseCode ?? 0) >= 500) return false;
  return ['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EPROTOCOL'].includes(error.code ?? '');
};
