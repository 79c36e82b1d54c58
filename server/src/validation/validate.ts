import { validateYupSchema, yup } from '@strapi/utils';

/**
 * `validateYupSchema` with one change: when several fields are wrong, the message lists them all
 * ("email must be …; port must be …") instead of yup's "2 errors occurred".
 */
export const createValidator = (schema: yup.AnySchema) => {
  const validate = validateYupSchema(schema, { strict: true });
  return async (body: unknown) => {
    try {
      return await validate(body);
    } catch (error) {
      if (error instanceof Error && error.name === 'ValidationError') {
        const list = ((error as Error & { details?: unknown }).details as { errors?: { message: string }[] } | undefined)?.errors ?? [];
        if (list.length > 1) error.message = [...new Set(list.map((e) => e.message))].join('; ');
      }
      throw error;
    }
  };
};
