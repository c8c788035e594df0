import { Inject, Injectable } from '@nestjs/common';
import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import { publicUrl, type GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { MailOutbox } from '../mail/mail-outbox';
import type { MailTemplate } from '../mail/mail-templates';
import { hashSecretToken, newSecretToken } from '../sessions/secret-token';
import { EmailToken, type EmailTokenPurpose } from './domain/email-token.entity';
import type { User } from './domain/user.entity';
import { InvalidLinkError } from './user.errors';

const PAGES: Record<EmailTokenPurpose, { path: string; template: MailTemplate }> = {
  verify_email: { path: '/confirm-email', template: 'verify_email' },
  reset_password: { path: '/reset-password', template: 'reset_password' },
  invitation: { path: '/reset-password', template: 'invitation' },
};

/** Single-use, expiring links sent by e-mail (confirm an address, reset a password, accept an invitation). */
@Injectable()
export class EmailLinks {
  constructor(
    private readonly outbox: MailOutbox,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Writes the link and the e-mail carrying it in the caller's transaction. */
  async send(manager: EntityManager, user: User, purpose: EmailTokenPurpose): Promise<void> {
    const { token, hash } = newSecretToken();
    const ttl = { verify_email: this.config.EMAIL_VERIFICATION_TTL, reset_password: this.config.PASSWORD_RESET_TTL, invitation: this.config.INVITATION_TTL }[purpose];
    await manager.insert(EmailToken, { tokenHash: hash, userId: user.id, purpose, expiresAt: new Date(Date.now() + ttl * 1000), usedAt: null });
    const { path, template } = PAGES[purpose];
    await this.outbox.append(manager, {
      recipient: user.email,
      language: user.preferredLanguage,
      template,
      params: { name: user.displayName, link: `${publicUrl(this.config)}${path}?token=${token}`, hours: Math.round(ttl / 3600), minutes: Math.round(ttl / 60) },
    });
  }

  /** Uses a link once: returns the user id, or refuses a link unknown, used, expired or for another purpose. */
  async consume(manager: EntityManager, token: string, purposes: EmailTokenPurpose[]): Promise<{ userId: string; purpose: EmailTokenPurpose }> {
    const link = await manager.findOne(EmailToken, {
      where: { tokenHash: hashSecretToken(token), usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!link || !purposes.includes(link.purpose)) throw new InvalidLinkError();
    // One use, and the other links of the same kind for this user die with it.
    await manager.update(EmailToken, { userId: link.userId, purpose: link.purpose, usedAt: IsNull() }, { usedAt: new Date() });
    return { userId: link.userId, purpose: link.purpose };
  }
}
