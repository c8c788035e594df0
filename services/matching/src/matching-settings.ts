import { Weights } from '@hearth/matching-engine';
import { MatchingConfig } from './config';

/** The policy shortlists use, and the defaults an allocation run starts from. */
export interface DefaultPolicy {
  readonly weights: Weights;
  readonly maxExtraBedrooms: number;
  /** Allocation runs only; null means no cap. */
  readonly maxPerBuilding: number | null;
  /** Allocation runs only: the cap of every district; null means no cap. */
  readonly maxPerDistrict: number | null;
}

/** The configurable behaviour of matching, as the use cases read it. */
export class MatchingSettings {
  constructor(
    readonly policy: DefaultPolicy,
    readonly shortlistSize: number,
    readonly offerResponseMs: number,
    readonly autoProposeNext: boolean,
    readonly runApprovalRequired: boolean,
  ) {}

  static fromConfig(config: MatchingConfig): MatchingSettings {
    return new MatchingSettings(
      {
        weights: { priority: config.WEIGHT_PRIORITY, waiting: config.WEIGHT_WAITING, preference: config.WEIGHT_PREFERENCE, fit: config.WEIGHT_FIT },
        maxExtraBedrooms: config.MAX_EXTRA_BEDROOMS,
        maxPerBuilding: config.MAX_PER_BUILDING === 0 ? null : config.MAX_PER_BUILDING,
        maxPerDistrict: config.MAX_PER_DISTRICT === 0 ? null : config.MAX_PER_DISTRICT,
      },
      config.SHORTLIST_SIZE,
      config.OFFER_RESPONSE_MS,
      config.AUTO_PROPOSE_NEXT,
      config.RUN_APPROVAL_REQUIRED,
    );
  }
}
