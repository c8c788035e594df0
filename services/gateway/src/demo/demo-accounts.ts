import type { Role } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { FieldCipher } from '@hearth/platform';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { PasswordHasher } from '../sign-in/password-hasher';
import { newUser } from '../users/commands/create-user/create-user.handler';
import { emailKey, User } from '../users/domain/user.entity';
import { EmailLinks } from '../users/email-links';
import { UserRepository } from '../users/user.repository';

/** The password of every demo account (development only: DEMO_ACCOUNTS is refused in production). */
export const DEMO_PASSWORD = 'hearth-demo-password';
/** The demo administrator's TOTP secret (base32), so a demo can compute codes (e.g. `oathtool --totp -b`). */
export const DEMO_ADMIN_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export const DEMO_ACCOUNTS: { email: string; displayName: string; role: Role }[] = [
  { email: 'admin@hearth.demo', displayName: 'Ada Admin', role: 'sra_admin' },
  { email: 'staff@hearth.demo', displayName: 'Sam Staff', role: 'sra_staff' },
  { email: 'caseworker@hearth.demo', displayName: 'Cas Caseworker', role: 'caseworker' },
  { email: 'inspector@hearth.demo', displayName: 'Ines Inspector', role: 'inspector' },
  { email: 'board@hearth.demo', displayName: 'Bo Board', role: 'board_member' },
  { email: 'mediator@hearth.demo', displayName: 'Mia Mediator', role: 'mediator' },
];

/**
 * At start-up: the demo accounts of `npm start` (DEMO_ACCOUNTS=true), and on a first start the
 * invitation of BOOTSTRAP_ADMIN_EMAIL as administrator (a set-password link by e-mail), so a new
 * installation is never without someone who can create users.
 */
@Injectable()
export class DemoAccounts implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoAccounts.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly cipher: FieldCipher,
    private readonly links: EmailLinks,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.DEMO_ACCOUNTS) await this.createDemoAccounts();
    if (this.config.BOOTSTRAP_ADMIN_EMAIL) await this.inviteFirstAdmin(this.config.BOOTSTRAP_ADMIN_EMAIL);
  }

  private async createDemoAccounts(): Promise<void> {
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    await this.unitOfWork.run(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(7740002)');
      for (const account of DEMO_ACCOUNTS) {
        if (await manager.findOneBy(User, { emailKey: emailKey(account.email) })) continue;
        const user = manager.create(User, {
          ...newUser(),
          email: account.email,
          emailKey: emailKey(account.email),
          displayName: account.displayName,
          preferredLanguage: 'en',
          roles: [account.role],
          landlordId: null,
          status: 'active',
          passwordHash,
          passwordChangedAt: new Date(),
        });
        if (account.role === 'sra_admin') user.totpSecretEncrypted = this.cipher.encrypt(DEMO_ADMIN_TOTP_SECRET, `user:${user.id}:totp`);
        await this.users.save(manager, user);
      }
    });
    this.logger.log('demo accounts ready');
  }

  private async inviteFirstAdmin(email: string): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(7740002)');
      const admins = await manager.createQueryBuilder(User, 'u').where(`'sra_admin' = ANY (u.roles)`).getCount();
      if (admins > 0) return;
      const user = manager.create(User, {
        ...newUser(),
        email,
        emailKey: emailKey(email),
        displayName: email.split('@')[0],
        preferredLanguage: 'en',
        roles: ['sra_admin'],
        landlordId: null,
        status: 'invited',
      });
      await this.users.save(manager, user);
      await this.links.send(manager, user, 'invitation');
      this.logger.log('first administrator invited by e-mail');
    });
  }
}
