import { MigrationInterface, QueryRunner } from 'typeorm';

/** Credits on the ledger: the part of a month's charge not owed after the tenancy ended within it (the final account). */
export class LedgerCredits1764500000400 implements MigrationInterface {
  name = 'LedgerCredits1764500000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check');
    await queryRunner.query(`ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check CHECK (kind IN ('charge', 'payment', 'credit'))`);
    // "A month only on charges and benefits" becomes "…and credits".
    await queryRunner.query(`
      DO $$ DECLARE c text; BEGIN
        SELECT conname INTO c FROM pg_constraint WHERE conrelid = 'ledger_entries'::regclass AND pg_get_constraintdef(oid) LIKE '%benefit%';
        EXECUTE format('ALTER TABLE ledger_entries DROP CONSTRAINT %I', c);
      END $$`);
    await queryRunner.query(`ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_month_kinds CHECK (month IS NULL OR kind IN ('charge', 'credit') OR source = 'benefit')`);
    await queryRunner.query(`ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_credit_month CHECK (kind <> 'credit' OR month IS NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM ledger_entries WHERE kind = 'credit'`);
    await queryRunner.query('ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_credit_month');
    await queryRunner.query('ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_month_kinds');
    await queryRunner.query(`ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_month_check CHECK (month IS NULL OR kind = 'charge' OR source = 'benefit')`);
    await queryRunner.query('ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check');
    await queryRunner.query(`ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check CHECK (kind IN ('charge', 'payment'))`);
  }
}
