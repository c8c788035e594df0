import { Unit } from '@hearth/matching-engine';
import type { EntityManager } from 'typeorm';
import type { UnitLeftOut } from './domain/allocation-run.entity';

/** The units asked for that cannot be allocated now: unknown here, not available, or under a live offer. */
export function unitsLeftOut(manager: Pick<EntityManager, 'query'>, unitIds: readonly string[]): Promise<UnitLeftOut[]> {
  return manager.query(
    `SELECT ids.id AS "unitId",
            CASE WHEN u.unit_id IS NULL THEN 'unknown' WHEN u.status <> 'available' THEN 'not_available' ELSE 'has_live_offer' END AS reason
       FROM unnest($1::uuid[]) AS ids(id)
       LEFT JOIN available_units u ON u.unit_id = ids.id
      WHERE u.unit_id IS NULL OR u.status <> 'available'
         OR EXISTS (SELECT 1 FROM offers o WHERE o.unit_id = ids.id AND o.status IN ('proposed', 'offered'))
      ORDER BY ids.id`,
    [unitIds],
  );
}

/** The run's units as the engine reads them: available, without a live offer, and among those asked for (all when none named). */
export function runUnits(manager: Pick<EntityManager, 'query'>, unitIds: string[] | null): Promise<Unit[]> {
  return manager.query(
    `SELECT u.unit_id AS id, u.building_id AS "buildingId", u.district, u.bedrooms, u.max_occupants AS "maxOccupants", u.rent::float8 AS rent,
            u.wheelchair_accessible AS "wheelchairAccessible", u.step_free AS "stepFree", u.pets_allowed AS "petsAllowed"
       FROM available_units u
      WHERE u.status = 'available'
        AND ($1::uuid[] IS NULL OR u.unit_id = ANY ($1::uuid[]))
        AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.unit_id = u.unit_id AND o.status IN ('proposed', 'offered'))`,
    [unitIds],
  );
}
