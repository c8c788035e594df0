import { baseConfigSchema, loadConfig } from '@hearth/platform';
import { serviceDatabaseName } from '@hearth/persistence';
import { z } from 'zod';

export const landlordsConfigSchema = baseConfigSchema.extend({
  PORT: baseConfigSchema.shape.PORT.default(3101),
  DATABASE_NAME: z.string().default(serviceDatabaseName('landlords')),
  BANK_ACCOUNT_KEY: z.base64().refine((key) => Buffer.from(key, 'base64').length === 32, 'must be 32 bytes, base64-encoded'),
});

export type LandlordsConfig = z.infer<typeof landlordsConfigSchema>;

export const loadLandlordsConfig = (env: NodeJS.ProcessEnv = process.env): LandlordsConfig => loadConfig(landlordsConfigSchema, env);
