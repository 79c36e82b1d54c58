import { yup } from '@strapi/utils';
import { createValidator } from './validate';

const WHOLE_NUMBER = /^\d{1,9}$/;
const wholeNumber = (field: string) =>
  yup.string().matches(WHOLE_NUMBER, {
    name: 'NOT_INTEGER',
    message: `${field} must be a whole number`,
    excludeEmptyString: true,
  });

/** `GET /campaigns` query. */
export const validateCampaignQuery = createValidator(
  yup
    .object({ page: wholeNumber('page'), pageSize: wholeNumber('pageSize') })
    .noUnknown(true, 'unknown query parameter(s): ${unknown}')
    .strict(true)
);

/** `:id` of a campaign route. */
export const parseBatchId = (value: unknown) => {
  const id = typeof value === 'string' && WHOLE_NUMBER.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};
