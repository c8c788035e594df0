import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Instalment } from './payment-plan';

/** A plan to repay a tenancy's arrears in monthly instalments, on top of the running rent. */
@Entity('payment_plans')
export class PaymentPlan {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenancy_id' }) tenancyId: string;
  @Column('int', { name: 'total_cents' }) totalCents: number;
  @Column('jsonb') instalments: Instalment[];
  @Column('date', { name: 'agreed_on' }) agreedOn: string;
  @Column('text', { name: 'agreed_by' }) agreedBy: string;
  @Column('text') status: 'active' | 'completed' | 'broken';
  @Column('date', { name: 'broken_on', nullable: true }) brokenOn: string | null;
}
