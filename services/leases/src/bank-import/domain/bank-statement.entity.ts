import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('bank_statements')
export class BankStatement {
  @PrimaryColumn('uuid') id: string;
  @Column('text') sha256: string;
  @Column('text') format: 'csv' | 'camt053';
  @Column('text', { name: 'file_name' }) fileName: string;
  @Column('timestamptz', { name: 'imported_at' }) importedAt: Date;
  @Column('text', { name: 'imported_by' }) importedBy: string;
  @Column('int') lines: number;
  @Column('int') matched: number;
  @Column('int') unmatched: number;
  @Column('int') ignored: number;
}

export type LineStatus = 'matched' | 'unmatched' | 'assigned' | 'ignored' | 'duplicate';

@Entity('bank_statement_lines')
export class BankStatementLine {
  @PrimaryColumn('uuid', { name: 'statement_id' }) statementId: string;
  @PrimaryColumn('int', { name: 'line_no' }) lineNo: number;
  @Column('date', { name: 'booked_on' }) bookedOn: string;
  @Column('int', { name: 'amount_cents' }) amountCents: number;
  @Column('text', { nullable: true }) reference: string | null;
  @Column('text', { name: 'bank_transaction_id', nullable: true }) bankTransactionId: string | null;
  @Column('text') status: LineStatus;
  @Column('uuid', { name: 'tenancy_id', nullable: true }) tenancyId: string | null;
  @Column('uuid', { name: 'payment_id', nullable: true }) paymentId: string | null;
}
