import { yup } from '@strapi/utils';
import { createValidator } from './validate';

/** `POST /resolve`: the From to route (at most one header line of 998 characters) and the newsletter flag. */
export const validateResolveInput = createValidator(
  yup
    .object({
      from: yup.string().required('from is required').max(998, 'from must be at most 998 characters'),
      newsletter: yup.boolean(),
    })
    .noUnknown(true, 'unknown field(s): ${unknown}')
    .strict(true)
);
