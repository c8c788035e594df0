import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateGateway1763900000100 implements MigrationInterface {
  name = 'CreateGateway1763900000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        email text NOT NULL,
        email_key text NOT NULL UNIQUE,
        display_name text NOT NULL,
        preferred_language text NOT NULL CHECK (preferred_language IN ('en', 'fr', 'nl')),
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        status text NOT NULL CHECK (status IN ('invited', 'active', 'locked', 'deactivated')),
        landlord_id uuid,
        sign_up_kind text CHECK (sign_up_kind IN ('individual', 'company')),
        password_hash text,
        password_changed_at timestamptz,
        totp_secret_encrypted text,
        totp_pending_secret_encrypted text,
        totp_last_step bigint,
        locked_until timestamptz,
        tokens_valid_after timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (NOT ('landlord' = ANY (roles)) OR landlord_id IS NOT NULL)
      )`);
    await queryRunner.query('CREATE INDEX users_status ON users (status, created_at DESC)');
    await queryRunner.query('CREATE UNIQUE INDEX users_landlord ON users (landlord_id) WHERE landlord_id IS NOT NULL');
    await queryRunner.query(`
      CREATE TABLE email_tokens (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id),
        purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'invitation')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose)');
    await queryRunner.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id),
        role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_used_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await queryRunner.query('CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL');
    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)');
    await queryRunner.query(`
      CREATE TABLE sign_in_events (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        outcome text NOT NULL,
        user_id uuid,
        email_key text,
        address text,
        user_agent text,
        session_id uuid
      )`);
    await queryRunner.query('CREATE INDEX sign_in_events_user ON sign_in_events (user_id, occurred_at DESC)');
    await queryRunner.query('CREATE INDEX sign_in_events_time ON sign_in_events (occurred_at DESC)');
    await queryRunner.query(`
      CREATE TABLE signing_keys (
        kid text PRIMARY KEY,
        algorithm text NOT NULL,
        public_jwk jsonb NOT NULL,
        private_key_encrypted text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        activates_at timestamptz NOT NULL,
        retires_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE outbound_mail (
        id uuid PRIMARY KEY,
        recipient text NOT NULL,
        language text NOT NULL,
        template text NOT NULL,
        params_encrypted text,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX outbound_mail_pending ON outbound_mail (created_at) WHERE status = 'pending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['outbound_mail', 'signing_keys', 'sign_in_events', 'refresh_tokens', 'sessions', 'email_tokens', 'users']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
