import { errors, yup } from '@strapi/utils';
import type { ValidationErrorDetails, ValidationIssue } from '../../../shared/contracts/errors';

/**
 * yup test names → the stable codes the panel translates. A test whose name is already a code
 * (`.test('CONTROL_CHARS', …)`, `.matches(re, { name: 'INVALID_HOST' })`) keeps it.
 */
const codeOf = (type: string | undefined, fieldType: string | undefined): string => {
  if (type && /^[A-Z][A-Z0-9_]*$/.test(type)) return type;
  switch (type) {
    case 'required':
      return 'REQUIRED';
    case 'max':
      return fieldType === 'number' ? 'OUT_OF_RANGE' : 'TOO_LONG';
    case 'min':
      return fieldType === 'number' ? 'OUT_OF_RANGE' : 'TOO_SHORT';
    case 'integer':
      return 'NOT_INTEGER';
    case 'email':
      return 'INVALID_EMAIL';
    case 'oneOf':
      return 'NOT_ONE_OF';
    case 'noUnknown':
      return 'UNKNOWN_FIELD';
    case 'typeError':
      return 'INVALID_TYPE';
    default:
      return 'INVALID';
  }
};

interface DescribedTest {
  name?: string;
  params?: Record<string, unknown>;
}

/** The limits of a field as the schema declares them (a range needs both ends, a yup error carries one). */
const limitsOf = (field: yup.AnySchema | undefined) => {
  if (!field) return {};
  const description = field.describe() as {
    type: string;
    tests: DescribedTest[];
    oneOf?: unknown[];
  };
  const limits: Record<string, unknown> = {};
  for (const test of description.tests) {
    if ((test.name === 'min' || test.name === 'max') && test.params)
      limits[test.name] = test.params[test.name];
  }
  if (description.oneOf?.length) limits.values = description.oneOf.filter((v) => v !== undefined);
  return limits;
};

/** yup's type errors quote the value ("…but the final value was: `hunter2`"): keep only the first half. */
const withoutValue = (message: string) =>
  message
    .replace(/,? but the final value was:[\s\S]*$/, ' (wrong type)')
    .replace(/\s*\(cast from the value[\s\S]*$/, '');

interface YupIssue {
  path?: string;
  type?: string;
  message: string;
  params?: Record<string, unknown>;
}

const toIssue = (schema: yup.AnySchema, issue: YupIssue): ValidationIssue => {
  const fields = (schema as unknown as { fields?: Record<string, yup.AnySchema> }).fields ?? {};
  if (issue.type === 'noUnknown') {
    const unknown = String(issue.params?.unknown ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    return {
      path: [],
      code: 'UNKNOWN_FIELD',
      field: unknown[0],
      params: { fields: unknown },
      message: withoutValue(issue.message),
    };
  }
  const field = issue.path ? String(issue.path).split('.')[0] : undefined;
  const fieldSchema = field ? fields[field] : undefined;
  const code = codeOf(issue.type, fieldSchema?.type);
  const limits = limitsOf(fieldSchema);
  const params: Record<string, unknown> = {};
  if (code === 'TOO_LONG' && limits.max !== undefined) params.max = limits.max;
  if (code === 'TOO_SHORT' && limits.min !== undefined) params.min = limits.min;
  if (code === 'OUT_OF_RANGE') Object.assign(params, { min: limits.min, max: limits.max });
  if (code === 'NOT_ONE_OF' && limits.values) params.values = limits.values;
  if (code === 'INVALID_TYPE') params.type = fieldSchema?.type;
  // yup's own type message prints the submitted value: never echo input, not even in the message
  const message =
    code === 'INVALID_TYPE'
      ? `${field ?? 'the body'} must be a ${fieldSchema?.type ?? 'valid value'}`
      : withoutValue(issue.message);
  return {
    path: field ? [field] : [],
    code,
    ...(field ? { field } : {}),
    ...(Object.keys(params).length ? { params } : {}),
    message,
  };
};

/**
 * Validates like `validateYupSchema` from `@strapi/utils` (strict, every error at once) and throws its
 * `ValidationError` (→ 400), with details the panel can translate: `details.code`, `details.field` and
 * `details.params` of the first problem, and one such entry per problem in `details.errors`. The message
 * lists every problem ("email must be …; port must be …"). Nothing that was submitted is ever echoed back:
 * yup puts the value in each error (for an unknown field, the whole body, password included).
 */
export const createValidator = (schema: yup.AnySchema) => {
  return async (body: unknown) => {
    try {
      return await schema.validate(body, { strict: true, abortEarly: false });
    } catch (error) {
      if (!(error instanceof yup.ValidationError)) throw error;
      const inner: YupIssue[] = error.inner.length ? error.inner : [error];
      const issues = inner.map((issue) => toIssue(schema, issue));
      const [first] = issues;
      const details: ValidationErrorDetails = {
        code: first.code,
        ...(first.field ? { field: first.field } : {}),
        ...(first.params ? { params: first.params } : {}),
        errors: issues,
      };
      throw new errors.ValidationError(
        [...new Set(issues.map((issue) => issue.message))].join('; '),
        details
      );
    }
  };
};
