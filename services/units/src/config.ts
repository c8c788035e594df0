import { baseConfigSchema, loadConfig } from '@hearth/platform';
import { serviceDatabaseName } from '@hearth/persistence';
import { z } from 'zod';

export const unitsConfigSchema = baseConfigSchema.extend({
  PORT: baseConfigSchema.shape.PORT.default(3102),
  DATABASE_NAME: z.string().default(serviceDatabaseName('units')),
});

export type UnitsConfig = z.infer<typeof unitsConfigSchema>;

export const loadUnitsConfig = (env: NodeJS.ProcessEnv = process.env): UnitsConfig => loadConfig(unitsConfigSchema, env);
