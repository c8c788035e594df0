import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** personal_data and export: staff read the personal data; score_breakdown: the board (or staff) read the vulnerability factors of a priority score. */
export type PersonalDataAccess = 'personal_data' | 'export' | 'score_breakdown';

/** Who read a household's personal data, when and why (docs/architecture.md#audit). */
@Entity('access_log')
export class AccessLogEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid', { name: 'household_id' }) householdId: string;
  @Column('text', { name: 'actor_id' }) actorId: string;
  @Column('text', { name: 'actor_role' }) actorRole: string;
  @Column('text') purpose: string;
  @Column('text') access: PersonalDataAccess;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId: string | null;
  @Column('timestamptz', { name: 'accessed_at' }) accessedAt: Date;
}
