/** The gateway's BullMQ queues. */
export enum GatewayQueue {
  Mail = 'gateway-mail',
}

/** Send one e-mail of the mail outbox; carries its id only. */
export interface SendMailJobData {
  mailId: string;
}

export const sendMailJobId = (mailId: string): string => `send-mail-${mailId}`;
