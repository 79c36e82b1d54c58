import { yup } from '@strapi/utils';
import { SEND_STATUSES } from '../../../shared/constants';
import { createValidator } from './validate';

const WHOLE_NUMBER = /^\d{1,9}$/;
const isDate = (value: string | undefined) => !value || !Number.isNaN(new Date(value).getTime());

/** `GET /log` query: every value is a string (a repeated parameter, an array, is refused as INVALID_TYPE). */
export const validateLogQuery = createValidator(
  yup
    .object({
      status: yup
        .string()
        .oneOf([...SEND_STATUSES, ''], `status must be one of: ${SEND_STATUSES.join(', ')}`),
      accountId: yup.string().matches(WHOLE_NUMBER, {
        name: 'NOT_INTEGER',
        message: 'accountId must be a number',
        excludeEmptyString: true,
      }),
      batchId: yup.string().matches(WHOLE_NUMBER, {
        name: 'NOT_INTEGER',
        message: 'batchId must be a number',
        excludeEmptyString: true,
      }),
      uncertain: yup.string().oneOf(['true', 'false', ''], 'uncertain must be true or false'),
      from: yup.string().max(998, 'from must be at most 998 characters'),
      since: yup.string().test('INVALID_DATE', 'since must be a date (ISO 8601)', isDate),
      until: yup.string().test('INVALID_DATE', 'until must be a date (ISO 8601)', isDate),
      page: yup.string().matches(WHOLE_NUMBER, {
        name: 'NOT_INTEGER',
        message: 'page must be a whole number',
        excludeEmptyString: true,
      }),
      pageSize: yup.string().matches(WHOLE_NUMBER, {
        name: 'NOT_INTEGER',
        message: 'pageSize must be a whole number',
        excludeEmptyString: true,
      }),
    })
    .strict(true)
);
