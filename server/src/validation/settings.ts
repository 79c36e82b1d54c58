import { yup } from '@strapi/utils';
import { createValidator } from './validate';
import {
  CONTENT_API_EMAIL_MODES,
  FALLBACK_MODES,
  LIMIT_OVERFLOW_MODES,
} from '../../../shared/constants';

export const VERIFY_TIMEOUT_RANGE = { min: 1000, max: 60000 } as const;

const settingsSchema = yup
  .object({
    enabled: yup.boolean(),
    testEmailOnSave: yup.boolean(),
    testEmailRecipient: yup
      .string()
      .max(254, 'testEmailRecipient must be at most 254 characters')
      .email('testEmailRecipient must be a valid email address (or empty for the saving admin)'),
    verifyTimeoutMs: yup
      .number()
      .integer('verifyTimeoutMs must be a whole number of milliseconds')
      .min(
        VERIFY_TIMEOUT_RANGE.min,
        `verifyTimeoutMs must be between ${VERIFY_TIMEOUT_RANGE.min} and ${VERIFY_TIMEOUT_RANGE.max}`
      )
      .max(
        VERIFY_TIMEOUT_RANGE.max,
        `verifyTimeoutMs must be between ${VERIFY_TIMEOUT_RANGE.min} and ${VERIFY_TIMEOUT_RANGE.max}`
      ),
    logRetentionDays: yup
      .number()
      .integer('logRetentionDays must be a whole number of days')
      .min(1, 'logRetentionDays must be between 1 and 3650')
      .max(3650, 'logRetentionDays must be between 1 and 3650'),
    logKeepBodies: yup.boolean(),
    alertRecipients: yup
      .string()
      .max(1000, 'alertRecipients must be at most 1000 characters')
      .test(
        'INVALID_EMAIL',
        'alertRecipients must be email addresses separated by commas',
        (value) =>
          !value ||
          value
            .split(',')
            .every(
              (address) => yup.string().email().isValidSync(address.trim()) && address.trim() !== ''
            )
      ),
    recheckIntervalMinutes: yup
      .number()
      .integer('recheckIntervalMinutes must be a whole number of minutes')
      .test(
        'OUT_OF_RANGE',
        'recheckIntervalMinutes must be 0 (off) or between 1 and 1440',
        (value) => value === undefined || value === 0 || (value >= 1 && value <= 1440)
      ),
    fallback: yup
      .mixed()
      .oneOf([...FALLBACK_MODES], `fallback must be one of: ${FALLBACK_MODES.join(', ')}`),
    limitOverflow: yup
      .mixed()
      .oneOf(
        [...LIMIT_OVERFLOW_MODES],
        `limitOverflow must be one of: ${LIMIT_OVERFLOW_MODES.join(', ')}`
      ),
    suppressHardBounces: yup.boolean(),
    newsletterHeaders: yup
      .string()
      .max(500, 'newsletterHeaders must be at most 500 characters')
      .test(
        'INVALID',
        'newsletterHeaders must be header names separated by commas',
        (value) => !value || value.split(',').every((name) => /^\s*[A-Za-z0-9-]+\s*$/.test(name))
      ),
    contentApiEmail: yup
      .mixed()
      .oneOf(
        [...CONTENT_API_EMAIL_MODES],
        `contentApiEmail must be one of: ${CONTENT_API_EMAIL_MODES.join(', ')}`
      ),
  })
  .noUnknown(true, 'unknown setting(s): ${unknown}')
  .strict(true);

export const validateSettingsInput = createValidator(settingsSchema);
