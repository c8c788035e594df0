import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInspections1763800000300 implements MigrationInterface {
  name = 'CreateInspections1763800000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE known_units (
        id uuid PRIMARY KEY,
        landlord_id uuid NOT NULL,
        address text NOT NULL,
        postal_code text NOT NULL,
        city text NOT NULL,
        district text NOT NULL,
        building_id text NOT NULL,
        withdrawn boolean NOT NULL DEFAULT false,
        unit_version int NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE inspections (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        unit_id uuid NOT NULL,
        landlord_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('initial', 'periodic', 'move_in', 'move_out', 'complaint')),
        status text NOT NULL CHECK (status IN ('requested', 'scheduled', 'completed', 'cancelled')),
        outcome text CHECK (outcome IN ('passed', 'failed')),
        reinspection_of uuid REFERENCES inspections (id),
        trigger text NOT NULL CHECK (trigger IN ('unit_submitted', 'staff', 'repair_deadline_missed')),
        trigger_unit_version int,
        request_note text,
        inspector_id text,
        scheduled_at timestamptz,
        checklist_version int NOT NULL,
        completed_at timestamptz,
        cancel_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'completed') = (outcome IS NOT NULL AND completed_at IS NOT NULL)),
        CHECK (status <> 'scheduled' OR (inspector_id IS NOT NULL AND scheduled_at IS NOT NULL)),
        CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL))
      )`);
    // One open initial request per unit, and one open re-inspection per inspection.
    await queryRunner.query(`
      CREATE UNIQUE INDEX inspections_one_open_initial ON inspections (unit_id)
        WHERE type = 'initial' AND reinspection_of IS NULL AND status IN ('requested', 'scheduled')`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX inspections_one_open_reinspection ON inspections (reinspection_of)
        WHERE reinspection_of IS NOT NULL AND status IN ('requested', 'scheduled')`);
    await queryRunner.query('CREATE INDEX inspections_unit ON inspections (unit_id, created_at DESC)');
    await queryRunner.query('CREATE INDEX inspections_landlord ON inspections (landlord_id, created_at DESC)');
    await queryRunner.query('CREATE INDEX inspections_agenda ON inspections (inspector_id, scheduled_at) WHERE inspector_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX inspections_status ON inspections (status, type, created_at DESC)');

    await queryRunner.query(`
      CREATE TABLE checklist_results (
        inspection_id uuid NOT NULL REFERENCES inspections (id),
        item_code text NOT NULL,
        area_code text NOT NULL,
        result text NOT NULL CHECK (result IN ('pass', 'fail', 'not_applicable')),
        severity text CHECK (severity IN ('life_threatening', 'severe', 'moderate', 'low')),
        note text,
        photos text[] NOT NULL DEFAULT '{}',
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        PRIMARY KEY (inspection_id, item_code),
        CHECK ((result = 'fail') = (severity IS NOT NULL)),
        CHECK (result <> 'fail' OR note IS NOT NULL)
      )`);

    await queryRunner.query(`
      CREATE TABLE deficiencies (
        id uuid PRIMARY KEY,
        inspection_id uuid NOT NULL REFERENCES inspections (id),
        unit_id uuid NOT NULL,
        landlord_id uuid NOT NULL,
        item_code text NOT NULL,
        area_code text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('life_threatening', 'severe', 'moderate', 'low')),
        note text NOT NULL,
        photos text[] NOT NULL DEFAULT '{}',
        found_at timestamptz NOT NULL,
        deadline_at timestamptz NOT NULL CHECK (deadline_at > found_at),
        deadline_handled_at timestamptz,
        deadline_missed boolean NOT NULL DEFAULT false,
        resolution text CHECK (resolution IN ('cleared', 'superseded')),
        resolved_at timestamptz,
        resolved_by_inspection_id uuid REFERENCES inspections (id),
        UNIQUE (inspection_id, item_code),
        CHECK ((resolution IS NULL) = (resolved_at IS NULL) AND (resolution IS NULL) = (resolved_by_inspection_id IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX deficiencies_open ON deficiencies (severity, found_at) WHERE resolution IS NULL');
    await queryRunner.query('CREATE INDEX deficiencies_open_deadline ON deficiencies (deadline_at) WHERE resolution IS NULL');
    await queryRunner.query('CREATE INDEX deficiencies_unit ON deficiencies (unit_id, found_at DESC)');
    await queryRunner.query('CREATE INDEX deficiencies_landlord ON deficiencies (landlord_id, found_at DESC)');
    await queryRunner.query('CREATE INDEX deficiencies_deadline_pending ON deficiencies (inspection_id, severity) WHERE deadline_handled_at IS NULL');

    await queryRunner.query(`
      CREATE TABLE inspection_history (
        seq bigserial PRIMARY KEY,
        inspection_id uuid NOT NULL REFERENCES inspections (id),
        at timestamptz NOT NULL,
        action text NOT NULL CHECK (action IN ('requested', 'scheduled', 'rescheduled', 'no_access', 'completed', 'cancelled', 'repair_deadline_missed')),
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        note text,
        inspector_id text,
        scheduled_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX inspection_history_inspection ON inspection_history (inspection_id, seq)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inspection_history');
    await queryRunner.query('DROP TABLE deficiencies');
    await queryRunner.query('DROP TABLE checklist_results');
    await queryRunner.query('DROP TABLE inspections');
    await queryRunner.query('DROP TABLE known_units');
  }
}
