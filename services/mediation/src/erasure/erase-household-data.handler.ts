import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { KnownHousehold } from '../directory/known-household.entity';

export class EraseHouseholdDataCommand extends Command<void> {
  constructor(readonly householdId: string) {
    super();
  }
}

/**
 * ApplicantErased: every free text mediation keeps about the household (complaint descriptions and
 * answers, consent notes, meeting notes, task results, buddy details and contact notes, case-review
 * resolutions, mediation notes, committee reasons, agreements) is removed; ids, dates, categories and outcomes stay, as in the other services.
 */
@CommandHandler(EraseHouseholdDataCommand)
export class EraseHouseholdDataHandler implements ICommandHandler<EraseHouseholdDataCommand> {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  execute({ householdId }: EraseHouseholdDataCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const complaints = `SELECT id FROM complaints WHERE household_id = $1 OR complainant_ref = $1::text OR respondent_ref = $1::text`;
      await manager.query(`UPDATE complaints SET description_encrypted = NULL WHERE id IN (${complaints})`, [householdId]);
      await manager.query(`UPDATE complaint_stages SET answer_encrypted = NULL, extension_reason_encrypted = NULL WHERE complaint_id IN (${complaints})`, [householdId]);
      await manager.query('UPDATE case_reviews SET resolution_encrypted = NULL WHERE household_id = $1', [householdId]);
      const preparations = 'SELECT id FROM preparations WHERE household_id = $1';
      await manager.query(
        `UPDATE preparations SET consent_note_encrypted = NULL, meeting_notes_encrypted = NULL, buddy_encrypted = NULL WHERE household_id = $1`,
        [householdId],
      );
      await manager.query(`UPDATE preparation_tasks SET result_encrypted = NULL WHERE preparation_id IN (${preparations})`, [householdId]);
      await manager.query(`UPDATE buddy_contacts SET note_encrypted = NULL WHERE preparation_id IN (${preparations})`, [householdId]);
      const mediations = 'SELECT id FROM mediations WHERE household_id = $1';
      await manager.query(`UPDATE mediations SET committee_reasons_encrypted = NULL WHERE household_id = $1`, [householdId]);
      await manager.query(`UPDATE mediation_sessions SET notes_encrypted = NULL WHERE mediation_id IN (${mediations})`, [householdId]);
      await manager.query(
        `UPDATE mediation_agreements SET commitments_encrypted = NULL, follow_up_notes_encrypted = NULL WHERE mediation_id IN (${mediations})`,
        [householdId],
      );
      await manager.delete(KnownHousehold, { householdId });
    });
  }
}
