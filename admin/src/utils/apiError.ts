import { isFetchError } from '@strapi/strapi/admin';
import { SMTP_STAGES, type SmtpStage } from '../../../shared/constants';
import type {
  SmtpFailureDetails as SmtpFailureContract,
  ValidationIssue,
} from '../../../shared/contracts/errors';

/** What the server's 400 carries when an SMTP check fails (see server/src/transport/smtp-failure.ts). */
export type SmtpFailureDetails = SmtpFailureContract & { stage: SmtpStage };

/** One problem the server named: a stable code, the field it is about and the code's params. */
export type ErrorIssue = Omit<ValidationIssue, 'path'>;

export interface ApiErrorInfo {
  /** The server's English message (the panel shows the translated one, see useApiError). */
  message: string;
  status?: number;
  /** Set when the server could not verify the SMTP account: which stage failed and what the server said. */
  smtp?: SmtpFailureDetails;
  /** Every coded problem: validation issues, or the single `details.code` of another error. */
  issues: ErrorIssue[];
  /** One message per form field (the first problem of each field); translated by useApiError. */
  fieldErrors: Record<string, string>;
}

const isSmtpFailure = (details: unknown): details is SmtpFailureDetails =>
  typeof details === 'object' &&
  details !== null &&
  SMTP_STAGES.includes((details as { stage?: unknown }).stage as SmtpStage);

const readIssues = (details: unknown, message: string): ErrorIssue[] => {
  if (typeof details !== 'object' || details === null) return [];
  const { errors, code, field, params } = details as {
    errors?: unknown;
    code?: unknown;
    field?: unknown;
    params?: unknown;
  };
  if (Array.isArray(errors) && errors.length) {
    return errors
      .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
      .map((e) => ({
        code: typeof e.code === 'string' ? e.code : 'INVALID',
        field:
          typeof e.field === 'string'
            ? e.field
            : Array.isArray(e.path) && e.path.length
              ? String(e.path[0])
              : undefined,
        params:
          typeof e.params === 'object' && e.params !== null
            ? (e.params as Record<string, unknown>)
            : undefined,
        message: typeof e.message === 'string' ? e.message : message,
      }));
  }
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code)) {
    return [
      {
        code,
        field: typeof field === 'string' ? field : undefined,
        params:
          typeof params === 'object' && params !== null
            ? (params as Record<string, unknown>)
            : undefined,
        message,
      },
    ];
  }
  return [];
};

/** Turns whatever `useFetchClient` threw into something a form can show next to what the user typed. */
export const readApiError = (error: unknown, fallbackMessage: string): ApiErrorInfo => {
  if (isFetchError(error)) {
    const body = error.response?.data?.error;
    const details: unknown = body?.details;
    const message = body?.message || error.message || fallbackMessage;
    const smtp = isSmtpFailure(details) ? details : undefined;
    // an SMTP failure's `code` is nodemailer's (EAUTH …), except the password ones the panel explains
    const issues =
      smtp && !['EDECRYPT', 'PASSWORD_SEALED_WITH_OTHER_KEY'].includes(smtp.code ?? '')
        ? []
        : readIssues(details, message);
    const fieldErrors: Record<string, string> = {};
    for (const issue of issues)
      if (issue.field && !(issue.field in fieldErrors)) fieldErrors[issue.field] = issue.message;
    return { message, status: error.status, smtp, issues, fieldErrors };
  }
  return {
    message: error instanceof Error ? error.message : fallbackMessage,
    issues: [],
    fieldErrors: {},
  };
};

/**
 * The entry a resend that failed too wrote: the `logId` of the server's MAIL_NOT_SENT answer (its message
 * says why, naming every attempt); null for any other refusal (already resent, no body …).
 */
export const failedResendEntry = (error: unknown): number | null => {
  if (!isFetchError(error)) return null;
  const details: unknown = error.response?.data?.error?.details;
  if (typeof details !== 'object' || details === null) return null;
  const { code, logId } = details as { code?: unknown; logId?: unknown };
  return code === 'MAIL_NOT_SENT' && typeof logId === 'number' ? logId : null;
};
