import { ResponseError } from '@backstage/errors';

/** The backend's own words for a failed request ("itemId: no checklist item …"), not just the status line. */
export function describeError(error: unknown): string {
  if (error instanceof ResponseError && error.cause?.message)
    return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}
