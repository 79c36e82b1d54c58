/**
 * A compile-time check, never imported by the panel: every error code of shared/contracts/errors.ts, every
 * send-log rule of shared/contracts/send-log.ts, and every text of the send-rate chart
 * (admin/src/utils/sendChartMessages.ts) has its text in each language. A key missing from a file (an
 * `error.code.<CODE>`, a `campaign.chart.*` text) fails `tsc -b`, naming the key. (tests/admin-campaigns.test.ts keeps en and ru in step for the other keys.)
 */
import type { ErrorCode } from '../../../shared/contracts/errors';
import type { LogRule } from '../../../shared/contracts/send-log';
import type { SendChartMessageId } from '../utils/sendChartMessages';
import en from './en.json';
import ru from './ru.json';

type ErrorCodeMessages = Record<
  `error.code.${ErrorCode}` | `log.rule.${LogRule}` | SendChartMessageId,
  string
>;

// annotated, not inferred: the declaration the build writes for this file stays one line
export const englishErrorMessages: ErrorCodeMessages = en;
export const russianErrorMessages: ErrorCodeMessages = ru;
