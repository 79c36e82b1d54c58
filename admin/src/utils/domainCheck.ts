import type { SmtpAccount } from '../../../shared/contracts/accounts';
import type { DomainCheck } from '../../../shared/contracts/deliverability';

export type CheckPart = 'spf' | 'dkim' | 'dmarc';
export type Tone = 'success' | 'warning' | 'danger' | 'neutral';

/** The English words of each part's result (the panel's `domainCheck.<part>.<result>` keys). */
export const RESULT_TEXT = {
  spf: {
    pass: 'pass',
    fail: 'fail',
    softfail: 'soft fail',
    neutral: 'neutral',
    none: 'no record',
    permerror: 'broken record',
    temperror: 'DNS did not answer',
  },
  dkim: {
    pass: 'published',
    missing: 'not published',
    mismatch: 'another key published',
    nokey: 'no key',
    temperror: 'DNS did not answer',
  },
  dmarc: { present: 'published', missing: 'missing', temperror: 'DNS did not answer' },
} as const satisfies Record<CheckPart, Record<string, string>>;

const PASSING = new Set(['pass', 'present']);
const UNANSWERED = new Set(['temperror']);
/** Results that say what to publish or fix; the others (softfail, neutral) are a weak signal. */
const WRONG = new Set(['fail', 'permerror', 'missing', 'mismatch']);

/** A part's result as a badge colour: passing, wrong, unanswered, or weak/absent. */
export const resultTone = (result: string): Tone =>
  PASSING.has(result)
    ? 'success'
    : WRONG.has(result)
      ? 'danger'
      : UNANSWERED.has(result)
        ? 'neutral'
        : 'warning';

export const statusTone = (status: DomainCheck['status'] | 'none'): Tone =>
  status === 'ok'
    ? 'success'
    : status === 'warning'
      ? 'warning'
      : status === 'failing'
        ? 'danger'
        : 'neutral';

/** The parts that do not pass, in the order a reader fixes them (SPF, DKIM, DMARC). */
export const failingParts = (check: DomainCheck) =>
  (['spf', 'dkim', 'dmarc'] as const)
    .map((part) => ({ part, result: check[part].result }))
    .filter(({ result }) => !PASSING.has(result));

/**
 * The account was saved after its last check (or never checked): the server checks again in the
 * background after each save, so a newer answer is on its way. Health changes move `updatedAt` too, so a
 * check that never comes is possible: the form asks again once, then shows what it has.
 */
export const isCheckPending = (account: Pick<SmtpAccount, 'domainCheck' | 'updatedAt'>) =>
  account.domainCheck === null ||
  Date.parse(account.domainCheck.checkedAt) < Date.parse(account.updatedAt);
