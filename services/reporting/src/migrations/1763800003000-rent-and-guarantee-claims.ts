import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models of the money of tenancies (hearth.leases): each rent charge, each payment and each
 * guarantee claim with its decision and payments. Amounts in integer cents, days, codes and ids only:
 * no household reference code, no balance, no payment details (no payment id, account or payer).
 */
export class RentAndGuaranteeClaims1763800003000 implements MigrationInterface {
  name = 'RentAndGuaranteeClaims1763800003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Each RentCharged, keyed by the tenancy's aggregate version (redeliveries change nothing).
    await queryRunner.query(`
      CREATE TABLE rent_charges (
        tenancy_id uuid NOT NULL,
        tenancy_version int NOT NULL,
        month char(7) NOT NULL,
        amount_cents bigint NOT NULL,
        due_on date NOT NULL,
        PRIMARY KEY (tenancy_id, tenancy_version)
      )`);
    await queryRunner.query('CREATE INDEX rent_charges_due_on ON rent_charges (due_on)');
    // Each PaymentRecorded (a negative amount is a reversal or refund), by the day it was received.
    await queryRunner.query(`
      CREATE TABLE rent_payments (
        tenancy_id uuid NOT NULL,
        tenancy_version int NOT NULL,
        amount_cents bigint NOT NULL,
        received_on date NOT NULL,
        source text NOT NULL CHECK (source IN ('staff', 'bank_import', 'benefit')),
        PRIMARY KEY (tenancy_id, tenancy_version)
      )`);
    await queryRunner.query('CREATE INDEX rent_payments_received_on ON rent_payments (received_on)');
    // One row per claim; the opening and the decision each fill their own columns (arrival order does not matter).
    await queryRunner.query(`
      CREATE TABLE guarantee_claims (
        claim_id uuid PRIMARY KEY,
        tenancy_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        landlord_id uuid,
        kind text NOT NULL CHECK (kind IN ('arrears', 'damage', 'legal_costs', 'vacancy')),
        amount_cents bigint,
        opened_on date,
        decision text CHECK (decision IN ('approved', 'partly_approved', 'rejected')),
        approved_cents bigint,
        decided_on date
      )`);
    // Each GuaranteeClaimPaid (a claim may be paid in more than one part).
    await queryRunner.query(`
      CREATE TABLE guarantee_claim_payments (
        tenancy_id uuid NOT NULL,
        tenancy_version int NOT NULL,
        claim_id uuid NOT NULL,
        paid_cents bigint NOT NULL,
        paid_on date NOT NULL,
        PRIMARY KEY (tenancy_id, tenancy_version)
      )`);
    await queryRunner.query('CREATE INDEX guarantee_claim_payments_claim ON guarantee_claim_payments (claim_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['guarantee_claim_payments', 'guarantee_claims', 'rent_payments', 'rent_charges']) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
