import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models of hearth.leases and hearth.mediation: histories of tenancies, their arrears, complaints,
 * mediation cases and tenancy-risk signals. Ids, days, categories, codes and amounts in integer
 * cents only: no household reference code, no payment details, no text of any complaint or agreement.
 */
export class TenanciesAndMediation1763800002000 implements MigrationInterface {
  name = 'TenanciesAndMediation1763800002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per tenancy; each event fills its own columns, so arrival order does not matter.
    await queryRunner.query(`
      CREATE TABLE tenancies (
        tenancy_id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        household_id uuid NOT NULL,
        landlord_id uuid,
        started_on date,
        rent_cents bigint,
        service_charges_cents bigint,
        notice_given_on date,
        notice_ends_on date,
        notice_given_by text,
        notice_reason text,
        ended_on date,
        end_reason text
      )`);
    await queryRunner.query('CREATE INDEX tenancies_household ON tenancies (household_id)');
    // Each arrears change (RentArrearsChanged), keyed by the tenancy's aggregate version: the state
    // as of a day is the last change on or before it.
    await queryRunner.query(`
      CREATE TABLE tenancy_arrears (
        tenancy_id uuid NOT NULL,
        tenancy_version int NOT NULL,
        changed_on date NOT NULL,
        ageing text NOT NULL CHECK (ageing IN ('none', '0_30', '31_60', '61_90', '90_plus')),
        arrears_cents bigint NOT NULL,
        months_unpaid numeric(8, 2) NOT NULL,
        PRIMARY KEY (tenancy_id, tenancy_version)
      )`);
    await queryRunner.query(`
      CREATE TABLE complaints (
        complaint_id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        tenancy_id uuid,
        category text,
        intensity text,
        complainant_kind text,
        respondent_kind text,
        received_on date,
        acknowledge_by date,
        acknowledged_on date,
        answer_due_by date,
        answered_on date,
        answer_by date,
        answered_late boolean,
        upheld boolean,
        stage2_requested_on date,
        stage2_acknowledged_on date,
        stage2_answer_due_by date,
        stage2_answered_on date,
        stage2_answer_by date,
        stage2_answered_late boolean,
        stage2_upheld boolean,
        mediation_id uuid,
        to_mediation_on date
      )`);
    await queryRunner.query(`
      CREATE TABLE mediations (
        mediation_id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        tenancy_id uuid,
        agreement_on date,
        committee_decision text,
        committee_decided_on date,
        outcome text,
        exclusion text,
        closed_on date
      )`);
    // Each change of a tenancy's risk signal (mediation's TenancyAtRisk / TenancyRiskCleared).
    await queryRunner.query(`
      CREATE TABLE tenancy_risk_steps (
        tenancy_id uuid NOT NULL,
        risk_version int NOT NULL,
        at_risk boolean NOT NULL,
        on_date date NOT NULL,
        PRIMARY KEY (tenancy_id, risk_version)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['tenancy_risk_steps', 'mediations', 'complaints', 'tenancy_arrears', 'tenancies']) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
