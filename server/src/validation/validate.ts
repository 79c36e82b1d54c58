import { validateYupSchema, yup } from '@strapi/utils';

/**
 * `validateYupSchema` with two changes: when several fields are wrong, the message lists them all
 * ("email must be …; port must be …") instead of yup's "2 errors occurred"; and the details never
 * echo what was submitted (yup puts the value in each error: for an unknown field, the whole body,
 * password included).
 */
/** yup's type errors quote the value ("…but the final value was: `hunter2`"): keep only the first half. */
const withoutValue = (message: string) => message.replace(/,? but the final value was:[\s\S]*$/, ' (wrong type)').replace(/\s*\(cast from the value[\s\S]*$/, '');

export const createValidator = (schema: yup.AnySchema) => {
  const validate = validateYupSchema(schema, { strict: true });
  return async (body: unknown) => {
    try {
      return await validate(body);
    } catch (error) {
      if (error instanceof Error && error.name === 'ValidationError') {
        const list = ((error as Error & { details?: unknown }).details as { errors?: { message: string; value?: unknown }[] } | undefined)?.errors ?? [];
        for (const item of list) {
          delete item.value;
          item.message = withoutValue(item.message);
        }
        error.message = withoutValue(error.message);
        if (list.length > 1) error.message = [...new Set(list.map((e) => e.message))].join('; ');
      }
      throw error;
    }
  };
};
