import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DailySnapshots } from '../../../snapshots/daily-snapshots';

export type FlatStatus = 'draft' | 'pending_inspection' | 'available' | 'reserved' | 'let' | 'vacating' | 'withdrawn';

export interface FlatPlace {
  landlordId: string;
  district: string;
  buildingId: string;
}

export class RecordFlatStepCommand extends Command<void> {
  constructor(
    readonly unitId: string,
    readonly unitVersion: number,
    /** Where the flat is and whose it is, when the event says (the newest version wins). */
    readonly place: FlatPlace | { landlordId: string },
    /** The status the flat entered and on which day; null when only its attributes changed. */
    readonly step: { status: FlatStatus; onDate: string } | null,
  ) {
    super();
  }
}

/** A flat's status history (its spells) and where it is; kept once per unit version. */
@CommandHandler(RecordFlatStepCommand)
export class RecordFlatStepHandler implements ICommandHandler<RecordFlatStepCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly snapshotDays: DailySnapshots,
  ) {}

  execute({ unitId, unitVersion, place, step }: RecordFlatStepCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      if ('district' in place) {
        await manager.query(
          `INSERT INTO flats (unit_id, landlord_id, district, building_id, unit_version) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (unit_id) DO UPDATE SET landlord_id = EXCLUDED.landlord_id, district = EXCLUDED.district,
             building_id = EXCLUDED.building_id, unit_version = EXCLUDED.unit_version
           WHERE flats.unit_version < EXCLUDED.unit_version`,
          [unitId, place.landlordId, place.district, place.buildingId, unitVersion],
        );
      } else {
        // Known by owner only until an event describes it (a late or partial history).
        await manager.query(
          `INSERT INTO flats (unit_id, landlord_id, district, building_id, unit_version) VALUES ($1, $2, '', '', 0) ON CONFLICT (unit_id) DO NOTHING`,
          [unitId, place.landlordId],
        );
      }
      if (step) {
        await manager.query(`INSERT INTO flat_steps (unit_id, unit_version, status, on_date) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
          unitId,
          unitVersion,
          step.status,
          step.onDate,
        ]);
      }
      await this.snapshotDays.noteActivity(manager);
    });
  }
}
