import { numericColumn } from '@hearth/persistence';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';


/** One priority assessment; its structured answers and notes are encrypted (health, legal circumstances). */
@Entity('assessments')
export class Assessment {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'household_id' }) householdId: string;
  @Column('date', { name: 'assessed_on' }) assessedOn: string;
  @Column('text', { name: 'assessed_by' }) assessedBy: string;
  @Column('text', { name: 'assessed_role' }) assessedRole: string;
  @Column('text', { name: 'details_encrypted', nullable: true }) detailsEncrypted: string | null;
  /** The assessment's score under the policy in force when it was made. */
  @Column('numeric', { precision: 4, scale: 1, transformer: numericColumn }) score: number;
  @Column('int', { name: 'policy_version' }) policyVersion: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
