import { isFetchError } from '@strapi/strapi/admin';
import { SMTP_STAGES, type SmtpStage } from '../../../shared/constants';

/** What the server's 400 carries when an SMTP check fails (see server/src/transport/smtp-failure.ts). */
export interface SmtpFailureDetails {
  stage: SmtpStage;
  code?: string;
  response?: string;
  responseCode?: number;
}

export interface ApiErrorInfo {
  message: string;
  /** Set when the server could not verify the SMTP account: which stage failed and what the server said. */
  smtp?: SmtpFailureDetails;
  /** yup validation errors, keyed by the first segment of their path (the form field). */
  fieldErrors: Record<string, string>;
}

const isSmtpFailure = (details: unknown): details is SmtpFailureDetails =>
  typeof details === 'object' &&
  details !== null &&
  SMTP_STAGES.includes((details as { stage?: unknown }).stage as SmtpStage);

const collectFieldErrors = (details: unknown): Record<string, string> => {
  const errors = (details as { errors?: { path?: string[]; message?: string }[] } | undefined)?.errors;
  if (!Array.isArray(errors)) return {};
  return Object.fromEntries(
    errors.filter((e) => e.path?.length && e.message).map((e) => [String(e.path![0]), String(e.message)])
  );
};

/** Turns whatever `useFetchClient` threw into something a form can show next to what the user typed. */
export const readApiError = (error: unknown, fallbackMessage: string): ApiErrorInfo => {
  if (isFetchError(error)) {
    const body = error.response?.data?.error;
    const details: unknown = body?.details;
    return {
      message: body?.message || error.message || fallbackMessage,
      smtp: isSmtpFailure(details) ? details : undefined,
      fieldErrors: collectFieldErrors(details),
    };
  }
  return { message: error instanceof Error ? error.message : fallbackMessage, fieldErrors: {} };
};
