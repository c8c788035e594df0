import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMediations1764500000800 implements MigrationInterface {
  name = 'CreateMediations1764500000800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mediations (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        unit_id uuid NOT NULL,
        tenancy_id uuid,
        household_id uuid,
        landlord_id uuid,
        status text NOT NULL CHECK (status IN ('open', 'agreement', 'closed')),
        current_step text CHECK (current_step IN ('house_rules_reminder', 'phone_call', 'visit_by_two_mediators', 'joint_meeting', 'committee')),
        mediator_ids text[] NOT NULL DEFAULT '{}',
        opened_on date NOT NULL,
        outcome text CHECK (outcome IN ('dialogue_restored', 'complaints_stopped', 'resolved_by_transfer', 'failure', 'withdrawn')),
        exclusion text CHECK (exclusion IN ('ongoing_court_case', 'criminal_proceedings', 'party_refused', 'other')),
        closed_on date,
        committee_decision text,
        committee_decided_on date,
        committee_reasons_encrypted text,
        last_activity_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'closed') = (outcome IS NOT NULL AND closed_on IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX mediations_tenancy ON mediations (tenancy_id)');
    await queryRunner.query('CREATE INDEX mediations_mediators ON mediations USING gin (mediator_ids)');
    await queryRunner.query(`
      CREATE TABLE mediation_sessions (
        id uuid PRIMARY KEY,
        mediation_id uuid NOT NULL REFERENCES mediations (id),
        step text NOT NULL,
        held_on date NOT NULL,
        attendees int NOT NULL CHECK (attendees >= 0),
        result text NOT NULL CHECK (result IN ('resolved', 'partly_resolved', 'not_resolved', 'no_show')),
        notes_encrypted text,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX mediation_sessions_mediation ON mediation_sessions (mediation_id, held_on)');
    await queryRunner.query(`
      CREATE TABLE committee_members (
        mediation_id uuid NOT NULL REFERENCES mediations (id),
        member_ref text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('staff', 'mediator', 'volunteer', 'neighbour')),
        role text NOT NULL CHECK (role IN ('chair', 'member', 'secretary')),
        PRIMARY KEY (mediation_id, member_ref)
      )`);
    await queryRunner.query(`
      CREATE TABLE mediation_agreements (
        id uuid PRIMARY KEY,
        mediation_id uuid NOT NULL UNIQUE REFERENCES mediations (id),
        reached_on date NOT NULL,
        commitments_encrypted text,
        commitments int NOT NULL CHECK (commitments > 0),
        follow_up_on date NOT NULL,
        followed_up_on date,
        follow_up_result text CHECK (follow_up_result IN ('kept', 'partly_kept', 'broken')),
        follow_up_notes_encrypted text
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['mediation_agreements', 'committee_members', 'mediation_sessions', 'mediations']) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
