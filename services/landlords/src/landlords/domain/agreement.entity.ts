import { InvalidTransitionError, withArticle } from '@hearth/platform';
import { numericColumn } from '@hearth/persistence';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { AgreementScheme, AgreementTerms, Coverage, RenovationLoan } from './agreement-terms';

export type AgreementStatus = 'draft' | 'signed' | 'ended';


@Entity('agreements')
export class Agreement implements AgreementTerms {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'landlord_id' })
  landlordId: string;

  @Column('text')
  scheme: AgreementScheme;

  @Column('date', { name: 'start_date' })
  startDate: string;

  @Column('date', { name: 'end_date' })
  endDate: string;

  @Column('numeric', { name: 'guaranteed_monthly_rent', precision: 12, scale: 2, transformer: numericColumn })
  guaranteedMonthlyRent: number;

  @Column('jsonb')
  coverage: Coverage;

  @Column('jsonb', { name: 'renovation_loan', nullable: true })
  renovationLoan: RenovationLoan | null;

  @Column('boolean', { name: 'property_tax_reduction_filing' })
  propertyTaxReductionFiling: boolean;

  @Column('text')
  status: AgreementStatus;

  @Column('timestamptz', { name: 'signed_at', nullable: true })
  signedAt: Date | null;

  @Column('date', { name: 'ended_on', nullable: true })
  endedOn: string | null;

  @Column('text', { name: 'end_reason', nullable: true })
  endReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  sign(now: Date): void {
    if (this.status !== 'draft') throw new InvalidTransitionError('AGREEMENT.INVALID_TRANSITION', `${withArticle(this.status)} agreement cannot be signed`);
    this.status = 'signed';
    this.signedAt = now;
  }

  end(endedOn: string, reason: string): void {
    if (this.status !== 'signed') throw new InvalidTransitionError('AGREEMENT.INVALID_TRANSITION', `${withArticle(this.status)} agreement cannot be ended`);
    if (endedOn < this.startDate) {
      throw new InvalidTransitionError('AGREEMENT.END_BEFORE_START', 'An agreement cannot end before it starts');
    }
    this.status = 'ended';
    this.endedOn = endedOn;
    this.endReason = reason;
  }
}
