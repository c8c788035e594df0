import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { GatewayQueue, type SendMailJobData } from '../gateway.queues';
import { MailOutbox } from './mail-outbox';
import { renderMail } from './mail-templates';
import { OutboundMail } from './outbound-mail.entity';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
export const MAIL_FROM = Symbol('MAIL_FROM');

/** Sends one e-mail of the outbox over SMTP; a mail already sent (or gone) is skipped. */
@Processor(GatewayQueue.Mail, { concurrency: 4 })
export class SendMailJob extends WorkerHost {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: MailOutbox,
    @Inject(MAIL_TRANSPORT) private readonly transport: Transporter,
    @Inject(MAIL_FROM) private readonly from: string,
  ) {
    super();
  }

  async process(job: Job<SendMailJobData>): Promise<void> {
    const mail = await this.dataSource.manager.findOneBy(OutboundMail, { id: job.data.mailId });
    if (!mail || mail.status !== 'pending') return;
    const { subject, text } = renderMail(mail.template, mail.language, this.outbox.params(mail));
    try {
      // The message id makes a resend after a crash between sending and marking recognisable.
      await this.transport.sendMail({ from: this.from, to: mail.recipient, subject, text, messageId: `<${mail.id}@hearth>` });
    } catch (error) {
      await this.dataSource.manager.update(OutboundMail, { id: mail.id }, { attempts: () => 'attempts + 1', lastError: String((error as Error).message).slice(0, 500) });
      throw error;
    }
    await this.dataSource.manager.update(OutboundMail, { id: mail.id, status: 'pending' }, { status: 'sent', sentAt: new Date(), paramsEncrypted: null, attempts: () => 'attempts + 1', lastError: null });
  }
}
