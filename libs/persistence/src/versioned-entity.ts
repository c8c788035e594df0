import { Column, CreateDateColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Columns every aggregate root shares: a client-visible id and a version for optimistic
 *  concurrency (also the aggregateVersion of the events it publishes). */
export abstract class VersionedEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('int')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
