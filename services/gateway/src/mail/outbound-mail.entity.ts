import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Language } from '../users/domain/user.entity';
import type { MailTemplate } from './mail-templates';

/** An e-mail written in the same transaction as the change that causes it, sent after the commit. */
@Entity('outbound_mail')
export class OutboundMail {
  @PrimaryColumn('uuid') id: string;
  @Column('text') recipient: string;
  @Column('text') language: Language;
  @Column('text') template: MailTemplate;
  /** The template's parameters (they hold single-use links), encrypted; cleared once sent. */
  @Column('text', { name: 'params_encrypted', nullable: true }) paramsEncrypted: string | null;
  @Column('text') status: 'pending' | 'sent' | 'failed';
  @Column('int') attempts: number;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt: Date | null;
}
