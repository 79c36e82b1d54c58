import type { SendLogEntry } from '../../../shared/contracts/send-log';

/**
 * Why a failed entry offers no Resend, in the words the entry dialog uses (the server's resend refusal
 * codes, README "Error codes"): `maybeDelivered` when its last try broke off after the server could have
 * taken the mail (MAYBE_DELIVERED: not resent, so nobody gets it twice), `noBody` when the body was not
 * kept; null when it can be resent, was resent, or did not fail.
 */
export const resendBlockReason = (entry: SendLogEntry): 'maybeDelivered' | 'noBody' | null => {
  if (entry.status !== 'failed' || entry.canResend || entry.resentAt) return null;
  const last = entry.attemptLog[entry.attemptLog.length - 1];
  if (last?.uncertain || entry.errorCode === 'MAYBE_DELIVERED') return 'maybeDelivered';
  return 'noBody';
};
