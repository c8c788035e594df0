import { MigrationInterface, QueryRunner } from 'typeorm';

/** Index series (data, exact decimals) and each tenancy's rent indexed on its anniversaries. */
export class RentIndexation1764500000600 implements MigrationInterface {
  name = 'RentIndexation1764500000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE index_values (
        series text NOT NULL CHECK (series ~ '^[a-z0-9_-]{1,40}$'),
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        value numeric(10, 2) NOT NULL CHECK (value > 0),
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (series, month)
      )`);
    await queryRunner.query(`
      CREATE TABLE rent_indexations (
        tenancy_id uuid NOT NULL REFERENCES tenancies (id),
        anniversary date NOT NULL,
        effective_on date NOT NULL,
        previous_rent_cents int NOT NULL CHECK (previous_rent_cents >= 0),
        new_rent_cents int NOT NULL CHECK (new_rent_cents >= 0),
        base_rent_cents int NOT NULL CHECK (base_rent_cents >= 0),
        series text NOT NULL,
        base_month text NOT NULL,
        base_index numeric(10, 2) NOT NULL,
        new_month text NOT NULL,
        new_index numeric(10, 2) NOT NULL,
        applied_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenancy_id, anniversary)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE rent_indexations');
    await queryRunner.query('DROP TABLE index_values');
  }
}
