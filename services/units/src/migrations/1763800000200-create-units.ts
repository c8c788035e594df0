import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUnits1763800000200 implements MigrationInterface {
  name = 'CreateUnits1763800000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE known_landlords (
        id uuid PRIMARY KEY,
        status text NOT NULL,
        signed_agreement_ids text[] NOT NULL DEFAULT '{}',
        landlord_version int NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE units (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        landlord_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'pending_inspection', 'available', 'reserved', 'let', 'vacating', 'withdrawn')),
        address text NOT NULL,
        postal_code text NOT NULL,
        city text NOT NULL,
        district_code text NOT NULL,
        building_id text NOT NULL,
        type text NOT NULL,
        bedrooms int NOT NULL CHECK (bedrooms >= 0),
        floor_area numeric(8, 2) NOT NULL CHECK (floor_area > 0),
        floor int NOT NULL,
        elevator boolean NOT NULL,
        step_free boolean NOT NULL,
        wheelchair_accessible boolean NOT NULL,
        max_occupants int NOT NULL CHECK (max_occupants > 0),
        rent numeric(10, 2) NOT NULL CHECK (rent >= 0),
        service_charges numeric(10, 2) NOT NULL CHECK (service_charges >= 0),
        energy_label text NOT NULL,
        pets_allowed boolean NOT NULL,
        furnished boolean NOT NULL,
        available_from date,
        withdrawal_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX units_status_district ON units (status, district_code, bedrooms)');
    await queryRunner.query('CREATE INDEX units_landlord ON units (landlord_id, created_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE units');
    await queryRunner.query('DROP TABLE known_landlords');
  }
}
