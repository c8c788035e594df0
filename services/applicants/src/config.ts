import { serviceDatabaseName } from '@hearth/persistence';
import { baseConfigSchema, loadConfig } from '@hearth/platform';
import { z } from 'zod';
import { AffordabilityRule } from './households/domain/affordability-rule';
import { BedroomRule } from './households/domain/bedroom-rule';
import { SupportProgramme } from './households/domain/household.entity';

const count = (min: number, max: number) => z.coerce.number({ error: 'must be a number' }).int().min(min).max(max);
const amount = z.coerce.number({ error: 'must be a number' }).min(0).max(100_000);

export const applicantsConfigSchema = baseConfigSchema.extend({
  PORT: baseConfigSchema.shape.PORT.default(3104),
  DATABASE_NAME: z.string().default(serviceDatabaseName('applicants')),
  /** Encrypts personal data at rest (AES-256-GCM) and keys the duplicate-detection hash. No default: losing it loses the data. */
  APPLICANTS_DATA_KEY: z.base64().refine((key) => Buffer.from(key, 'base64').length === 32, 'must be 32 bytes, base64-encoded'),
  // Households a caseworker may hold per programme (Housing First caseloads are small by design).
  CASELOAD_LIMIT_HOUSING_FIRST: count(1, 500).default(10),
  CASELOAD_LIMIT_HOUSING_LED: count(1, 500).default(20),
  CASELOAD_LIMIT_RAPID_REHOUSING: count(1, 500).default(25),
  // Bedroom rule: see households/domain/bedroom-rule.ts.
  BEDROOM_SINGLE_OR_COUPLE: count(0, 2).default(1),
  BEDROOM_OWN_ROOM_FROM_AGE: count(0, 18).default(16),
  BEDROOM_CHILDREN_PER_ROOM: count(1, 4).default(2),
  // Affordability rule: see households/domain/affordability-rule.ts.
  AFFORDABILITY_RENT_SHARE: z.coerce.number({ error: 'must be a number' }).gt(0).max(1).default(0.35),
  AFFORDABILITY_RESIDUAL_PER_ADULT: amount.default(400),
  AFFORDABILITY_RESIDUAL_PER_CHILD: amount.default(150),
  /** Households re-scored per transaction when a new priority policy is published. */
  RESCORE_BATCH_SIZE: count(10, 5000).default(1000),
});

export type ApplicantsConfig = z.infer<typeof applicantsConfigSchema>;

export const loadApplicantsConfig = (env: NodeJS.ProcessEnv = process.env): ApplicantsConfig => loadConfig(applicantsConfigSchema, env);

/** The configurable rules, as the domain uses them. */
export class ApplicantsRules {
  constructor(
    readonly bedrooms: BedroomRule,
    readonly affordability: AffordabilityRule,
    readonly caseloadLimits: Readonly<Record<SupportProgramme, number>>,
    readonly rescoreBatchSize: number,
  ) {}

  static fromConfig(config: ApplicantsConfig): ApplicantsRules {
    return new ApplicantsRules(
      { singleOrCouple: config.BEDROOM_SINGLE_OR_COUPLE, ownRoomFromAge: config.BEDROOM_OWN_ROOM_FROM_AGE, childrenPerRoom: config.BEDROOM_CHILDREN_PER_ROOM },
      {
        rentShare: config.AFFORDABILITY_RENT_SHARE,
        residualPerAdult: config.AFFORDABILITY_RESIDUAL_PER_ADULT,
        residualPerChild: config.AFFORDABILITY_RESIDUAL_PER_CHILD,
      },
      {
        housing_first: config.CASELOAD_LIMIT_HOUSING_FIRST,
        housing_led: config.CASELOAD_LIMIT_HOUSING_LED,
        rapid_rehousing: config.CASELOAD_LIMIT_RAPID_REHOUSING,
      },
      config.RESCORE_BATCH_SIZE,
    );
  }
}
