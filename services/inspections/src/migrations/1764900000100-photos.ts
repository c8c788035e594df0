import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Photos an inspector takes during a visit, stored in the inspections database (decision 0017):
 * one row per distinct image per inspection (the SHA-256 of its bytes is unique within an
 * inspection, so an upload retried after a lost connection finds the first one). The bytes are
 * kept out of line without compression (JPEG, PNG and WebP are compressed already).
 */
export class Photos1764900000100 implements MigrationInterface {
  name = 'Photos1764900000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE photos (
        id uuid PRIMARY KEY,
        inspection_id uuid NOT NULL REFERENCES inspections (id),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        data bytea NOT NULL,
        uploaded_at timestamptz NOT NULL,
        uploaded_by text NOT NULL,
        UNIQUE (inspection_id, sha256)
      )`);
    await queryRunner.query('ALTER TABLE photos ALTER COLUMN data SET STORAGE EXTERNAL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE photos');
  }
}
