import type { FieldError } from './domain.errors';

interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  keys?: readonly string[];
}

/** Flattens a ZodError's issues to `{ field: 'address.postcode', message }` pairs; an unknown
 *  key is named as the field at fault. */
export function fieldErrorsOf(zodError: unknown): FieldError[] {
  const issues = (zodError as { issues?: IssueLike[] } | undefined)?.issues ?? [];
  return issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'is not a known field' }));
    }
    return [{ field: path.join('.') || '(root)', message: issue.message }];
  });
}
