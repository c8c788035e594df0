import { z } from 'zod';

/** The body field of a command on a versioned record; see saveVersioned for the 409 it leads to. */
export const expectedVersion = z
  .number()
  .int()
  .positive()
  .max(2_147_483_647, 'must be at most 2147483647')
  .optional()
  .describe('The version you acted on; a stale one is refused with 409 CONCURRENCY.STALE');
