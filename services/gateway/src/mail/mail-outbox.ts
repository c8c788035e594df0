import { UnitOfWork } from '@hearth/persistence';
import { enqueueJobs, FieldCipher, type JobToQueue, type JobSweep, Sweep } from '@hearth/platform';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { GatewayQueue, type SendMailJobData, sendMailJobId } from '../gateway.queues';
import type { Language } from '../users/domain/user.entity';
import type { MailParams, MailTemplate } from './mail-templates';
import { OutboundMail } from './outbound-mail.entity';

export interface NewMail {
  recipient: string;
  language: Language;
  template: MailTemplate;
  params: MailParams;
}

const paramsContext = (id: string) => `outbound-mail:${id}:params`;

/**
 * The mail outbox: an e-mail is a row written in the transaction of the change that causes it
 * (so a rolled-back sign-up sends nothing), queued for sending after the commit, and queued again
 * by the sweep while it is pending (so nothing is lost while Redis or the SMTP server is down).
 */
@Injectable()
@Sweep('pending mail')
export class MailOutbox implements JobSweep {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cipher: FieldCipher,
    private readonly dataSource: DataSource,
    @InjectQueue(GatewayQueue.Mail) private readonly queue: Queue<SendMailJobData>,
  ) {}

  async append(manager: EntityManager, mail: NewMail): Promise<void> {
    const id = randomUUID();
    await manager.insert(OutboundMail, {
      id,
      recipient: mail.recipient,
      language: mail.language,
      template: mail.template,
      paramsEncrypted: this.cipher.encryptJson(mail.params, paramsContext(id)),
      status: 'pending',
      attempts: 0,
    });
    this.unitOfWork.afterCommit(() => enqueueJobs(this.queue, [sendJob(id)]));
  }

  params(mail: OutboundMail): MailParams {
    return this.cipher.decryptJson<MailParams>(mail.paramsEncrypted!, paramsContext(mail.id));
  }

  async sweep(): Promise<number> {
    const pending = await this.dataSource.manager.find(OutboundMail, { where: { status: 'pending' }, select: { id: true }, take: 1000 });
    return enqueueJobs(this.queue, pending.map((mail) => sendJob(mail.id)));
  }
}

function sendJob(mailId: string): JobToQueue<SendMailJobData> {
  return {
    name: 'send-mail',
    data: { mailId },
    opts: { jobId: sendMailJobId(mailId), attempts: 8, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: true, removeOnFail: true },
  };
}
