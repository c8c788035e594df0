import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the case list and the deadline sweep ask, answered by indexes (decision 0033):
 * - each complaint carries the due day of the acknowledgement or answer it waits on (`due_on`,
 *   null when answered or withdrawn), so "overdue" is one indexed comparison, not a join;
 * - lists by handler come out in their order (newest first) without sorting;
 * - the deadlines still pending and not yet flagged overdue (all the sweep reads) have an index
 *   each, instead of every unanswered stage.
 */
export class ComplaintDueDays1764500000900 implements MigrationInterface {
  name = 'ComplaintDueDays1764500000900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE complaints ADD COLUMN due_on date');
    await queryRunner.query(`
      UPDATE complaints c
         SET due_on = CASE c.status WHEN 'awaiting_acknowledgement' THEN s.acknowledge_by ELSE s.answer_by END
        FROM complaint_stages s
       WHERE s.complaint_id = c.id AND s.stage = c.stage AND c.status IN ('awaiting_acknowledgement', 'awaiting_answer')`);
    await queryRunner.query('CREATE INDEX complaints_due ON complaints (due_on) WHERE due_on IS NOT NULL');
    await queryRunner.query('CREATE INDEX complaints_pending_received ON complaints (received_at DESC, id) INCLUDE (due_on) WHERE due_on IS NOT NULL');
    await queryRunner.query('CREATE INDEX complaints_handler_received ON complaints (handler_id, received_at DESC, id)');
    await queryRunner.query('DROP INDEX complaints_handler');

    await queryRunner.query('CREATE INDEX complaint_stages_acknowledgement_pending ON complaint_stages (acknowledge_by) WHERE acknowledged_on IS NULL AND NOT acknowledge_overdue');
    await queryRunner.query(
      'CREATE INDEX complaint_stages_answer_pending ON complaint_stages (answer_by) WHERE acknowledged_on IS NOT NULL AND answered_on IS NULL AND NOT answer_overdue',
    );
    await queryRunner.query('DROP INDEX complaint_stages_pending');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX complaint_stages_pending ON complaint_stages (acknowledge_by) WHERE answered_on IS NULL');
    await queryRunner.query('DROP INDEX complaint_stages_answer_pending');
    await queryRunner.query('DROP INDEX complaint_stages_acknowledgement_pending');
    await queryRunner.query('CREATE INDEX complaints_handler ON complaints (handler_id, status)');
    await queryRunner.query('DROP INDEX complaints_handler_received');
    await queryRunner.query('DROP INDEX complaints_pending_received');
    await queryRunner.query('DROP INDEX complaints_due');
    await queryRunner.query('ALTER TABLE complaints DROP COLUMN due_on');
  }
}
