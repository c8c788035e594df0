import { z } from 'zod';

/** The token of an e-mailed link (43 base64url characters). */
export const linkToken = () => z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'must be the token from the link');
