import { Applicant, Instance } from '@hearth/matching-engine';
import { EntityManager } from 'typeorm';
import { AllocationRunCensus } from './domain/allocation-run-census.entity';

/**
 * Erasure in a run's census. The census must stay a faithful copy of the engine's input, or the
 * run could no longer be re-verified (verify-run recomputes it); so the household keeps its id
 * (a pseudonym that applicants keeps too, and the engine's tie-breaker) and the attributes that
 * decided the result. The district codes it named (preferred, excluded) that no unit of the run is
 * in are dropped: they could not change the result, and a code such as a safety exclusion may
 * say more about a person than the rest. Returns how many censuses were redacted.
 */
export async function redactCensusOf(manager: EntityManager, householdId: string): Promise<number> {
  const censuses = await manager
    .createQueryBuilder(AllocationRunCensus, 'census')
    .setLock('pessimistic_write')
    .where(`census.household_references::jsonb ? :householdId`, { householdId })
    .getMany();
  for (const census of censuses) {
    await manager.update(AllocationRunCensus, { runId: census.runId }, { instance: withoutUnusedDistricts(census.instance, householdId) });
  }
  return censuses.length;
}

export function withoutUnusedDistricts(instance: Instance, householdId: string): Instance {
  const unitDistricts = new Set(instance.units.map((unit) => unit.district));
  const keep = (districts: readonly string[]) => districts.filter((district) => unitDistricts.has(district));
  const applicants = instance.applicants.map(
    (applicant): Applicant =>
      applicant.id === householdId
        ? { ...applicant, preferredDistricts: keep(applicant.preferredDistricts), excludedDistricts: keep(applicant.excludedDistricts) }
        : applicant,
  );
  return { ...instance, applicants };
}
