import { AggregateStore, type NewEvent } from '@hearth/messaging';
import { isUniqueViolation } from '@hearth/persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { emailKey, User } from './domain/user.entity';
import { EmailTakenError, LandlordAlreadyLinkedError, UserNotFoundError } from './user.errors';

@Injectable()
export class UserRepository {
  constructor(private readonly store: AggregateStore) {}

  async getForUpdate(manager: EntityManager, id: string): Promise<User> {
    const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw new UserNotFoundError(id);
    return user;
  }

  byEmailForUpdate(manager: EntityManager, email: string): Promise<User | null> {
    return manager.findOne(User, { where: { emailKey: emailKey(email) }, lock: { mode: 'pessimistic_write' } });
  }

  async save(manager: EntityManager, user: User, events: (version: number) => NewEvent[] = () => []): Promise<User> {
    try {
      return await this.store.save(manager, User, user, events);
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key_key')) throw new EmailTakenError();
      if (isUniqueViolation(error, 'users_landlord')) throw new LandlordAlreadyLinkedError(user.landlordId ?? '');
      throw error;
    }
  }
}
