import { errors } from '@strapi/utils';
import addressparser from 'nodemailer/lib/addressparser';
import { parseFrom, type FromInput, type Sender } from '../routing/parse-from';
import { findSendProblems, listRecipients, type EmailOptions } from '../transport/message';

/** A mail that passed the checks: its From parsed, its recipients listed. */
export interface CheckedMail {
  options: EmailOptions;
  /** The From in effect: the mail's own, else the email plugin's `defaultFrom`. */
  from: FromInput;
  /** The From as text, for the send log. */
  fromText: string;
  /** null when the From is missing (no account can be chosen: the fallback decides). */
  sender: Sender | null;
  recipients: string[];
}

const fromAsText = (from: FromInput) =>
  typeof from === 'string' ? from : from ? `${from.name ?? ''} <${from.address}>`.trim() : '';

/**
 * Step 1 of a send: problems no account could fix are answered before any account is tried (a
 * 400 naming them, nothing sent, nothing logged). The From is never echoed back: it may be long,
 * and the caller has it. A From longer than `maxFromLength` is refused before it is parsed.
 */
export const checkMail = (
  options: EmailOptions,
  defaultFrom: string | undefined,
  maxFromLength: number
): CheckedMail => {
  if (!options || typeof options !== 'object') {
    throw new errors.ValidationError('Mail not sent: the mail options must be an object', {
      code: 'INVALID_MAIL',
    });
  }
  const from = (options.from ?? defaultFrom) as FromInput;
  const fromText = fromAsText(from);
  if (fromText.length > maxFromLength) {
    throw new errors.ValidationError(
      `Mail not sent: from is longer than ${maxFromLength} characters`,
      {
        code: 'FROM_TOO_LONG',
        field: 'from',
        params: { max: maxFromLength },
      }
    );
  }
  const recipients = listRecipients(options, (text) => addressparser(text, { flatten: true }));
  const problems = findSendProblems(options, recipients);
  const sender = problems.some((p) => p.startsWith('from')) ? null : parseFrom(from);
  if (!sender && from && !problems.some((p) => p.startsWith('from')))
    problems.unshift('from is not a single valid sender address');
  if (sender && /[\r\n]/.test(sender.name))
    problems.unshift('the From name must not contain line breaks');
  if (problems.length)
    throw new errors.ValidationError(`Mail not sent: ${problems.join('; ')}`, {
      code: 'INVALID_MAIL',
      problems,
    });
  return { options, from, fromText, sender, recipients };
};
