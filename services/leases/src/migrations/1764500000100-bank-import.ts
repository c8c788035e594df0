import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bank statement imports, and each tenancy's payment reference (a Belgian structured communication's base number). */
export class BankImport1764500000100 implements MigrationInterface {
  name = 'BankImport1764500000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SEQUENCE tenancy_payment_reference_seq START 1000001 MAXVALUE 9999999999');
    await queryRunner.query(`ALTER TABLE tenancies ADD COLUMN payment_reference_base bigint NOT NULL UNIQUE DEFAULT nextval('tenancy_payment_reference_seq')`);
    await queryRunner.query(`
      CREATE TABLE bank_statements (
        id uuid PRIMARY KEY,
        sha256 text NOT NULL UNIQUE,
        format text NOT NULL CHECK (format IN ('csv', 'camt053')),
        file_name text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        imported_by text NOT NULL,
        lines int NOT NULL,
        matched int NOT NULL,
        unmatched int NOT NULL,
        ignored int NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE bank_statement_lines (
        statement_id uuid NOT NULL REFERENCES bank_statements (id),
        line_no int NOT NULL,
        booked_on date NOT NULL,
        amount_cents int NOT NULL,
        reference text,
        bank_transaction_id text,
        status text NOT NULL CHECK (status IN ('matched', 'unmatched', 'assigned', 'ignored', 'duplicate')),
        tenancy_id uuid REFERENCES tenancies (id),
        payment_id uuid,
        PRIMARY KEY (statement_id, line_no),
        CHECK ((status IN ('matched', 'assigned')) = (tenancy_id IS NOT NULL AND payment_id IS NOT NULL))
      )`);
    // The same bank transaction in two statement files is paid once.
    await queryRunner.query(`CREATE UNIQUE INDEX bank_lines_one_transaction ON bank_statement_lines (bank_transaction_id) WHERE bank_transaction_id IS NOT NULL AND status <> 'duplicate'`);
    await queryRunner.query(`CREATE INDEX bank_lines_unmatched ON bank_statement_lines (statement_id) WHERE status = 'unmatched'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE bank_statement_lines');
    await queryRunner.query('DROP TABLE bank_statements');
    await queryRunner.query('ALTER TABLE tenancies DROP COLUMN payment_reference_base');
    await queryRunner.query('DROP SEQUENCE tenancy_payment_reference_seq');
  }
}
