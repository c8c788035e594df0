import { Actor, isStaff } from '@hearth/auth';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ClaimNotFoundError } from '../leases.errors';
import { Tenancy } from '../tenancies/domain/tenancy.entity';
import { TenancyRepository } from '../tenancies/tenancy.repository';
import { ClaimMonth, GuaranteeClaim } from './domain/claim.entity';

@Injectable()
export class ClaimRepository {
  constructor(private readonly tenancies: TenancyRepository) {}

  /** A claim and its tenancy for a change, both row-locked (tenancy first, as every other change does). Only staff change claims; anyone else gets 404. */
  async getForUpdate(manager: EntityManager, id: string, actor: Actor): Promise<{ claim: GuaranteeClaim; tenancy: Tenancy }> {
    const found = await manager.findOneBy(GuaranteeClaim, { id });
    if (!found || !isStaff(actor)) throw new ClaimNotFoundError(id);
    const tenancy = await this.tenancies.getForUpdate(manager, found.tenancyId);
    const claim = await manager.findOne(GuaranteeClaim, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return { claim: claim!, tenancy };
  }

  months(manager: EntityManager, claimId: string): Promise<ClaimMonth[]> {
    return manager.find(ClaimMonth, { where: { claimId }, order: { month: 'ASC' } });
  }
}
