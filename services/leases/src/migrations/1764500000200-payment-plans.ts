import { MigrationInterface, QueryRunner } from 'typeorm';

/** Payment plans: arrears repaid in monthly instalments; at most one active plan per tenancy. */
export class PaymentPlans1764500000200 implements MigrationInterface {
  name = 'PaymentPlans1764500000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payment_plans (
        id uuid PRIMARY KEY,
        tenancy_id uuid NOT NULL REFERENCES tenancies (id),
        total_cents int NOT NULL CHECK (total_cents > 0),
        instalments jsonb NOT NULL,
        agreed_on date NOT NULL,
        agreed_by text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'completed', 'broken')),
        broken_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'broken') = (broken_on IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX payment_plans_one_active ON payment_plans (tenancy_id) WHERE status = 'active'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE payment_plans');
  }
}
