import { SYSTEM_ACTOR } from '@hearth/contracts';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { In, LessThanOrEqual } from 'typeorm';
import { LeasesClock } from '../../../clock';
import { HeadLease } from '../../../head-leases/domain/head-lease.entity';
import { todayIn } from '../../../ledger/domain/calendar';
import { Tenancy } from '../../../tenancies/domain/tenancy.entity';
import { TenancyRepository } from '../../../tenancies/tenancy.repository';
import { ClaimEngine } from '../../claim-engine';
import { GuaranteeClaim, UnitInspection } from '../../domain/claim.entity';
import { damageClaim, Deficiencies, newDeficiencies, repairCostCents } from '../../domain/claim-rules';

export interface CompletedInspection {
  inspectionId: string;
  unitId: string;
  inspectionType: 'move_in' | 'move_out';
  completedAt: string;
  deficiencies: Deficiencies;
}

export class ProposeDamageClaimCommand extends Command<'recorded' | 'proposed' | 'no_damage' | 'no_tenancy' | 'not_covered' | 'already_proposed'> {
  constructor(readonly inspection: CompletedInspection) {
    super();
  }
}

/**
 * Keeps each completed move-in and move-out inspection of a flat. A move-out inspection is
 * compared with the flat's last move-in inspection before it (none: the flat counts as handed over
 * without deficiencies): what is new is priced at the configured tariff, reduced for normal wear
 * per year of the tenancy, capped by the agreement's damage cover, and opened as a damage claim of
 * the tenancy that left — once per inspection.
 */
@CommandHandler(ProposeDamageClaimCommand)
export class ProposeDamageClaimHandler implements ICommandHandler<ProposeDamageClaimCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly engine: ClaimEngine,
    private readonly clock: LeasesClock,
  ) {}

  execute({ inspection }: ProposeDamageClaimCommand) {
    return this.unitOfWork.run(async (manager) => {
      const completedAt = new Date(inspection.completedAt);
      await manager
        .createQueryBuilder()
        .insert()
        .into(UnitInspection)
        .values({ inspectionId: inspection.inspectionId, unitId: inspection.unitId, inspectionType: inspection.inspectionType, completedAt, deficiencies: inspection.deficiencies as never })
        .orIgnore()
        .execute();
      if (inspection.inspectionType === 'move_in') return 'recorded' as const;
      if (await manager.existsBy(GuaranteeClaim, { sourceInspectionId: inspection.inspectionId })) return 'already_proposed' as const;

      const completedOn = todayIn(this.clock.timeZone, completedAt);
      const candidate = await manager.findOne(Tenancy, {
        where: { unitId: inspection.unitId, status: In(['ending', 'ended']), startDate: LessThanOrEqual(completedOn) },
        order: { startDate: 'DESC' },
      });
      if (!candidate) return 'no_tenancy' as const;
      const tenancy = await this.tenancies.getForUpdate(manager, candidate.id);
      const headLease = tenancy.headLeaseId ? await manager.findOneBy(HeadLease, { id: tenancy.headLeaseId }) : null;
      const capCents = headLease?.coverage?.damageCapCents ?? 0;
      if (!headLease || capCents <= 0) return 'not_covered' as const;

      const moveIn = await manager.findOne(UnitInspection, {
        where: { unitId: inspection.unitId, inspectionType: 'move_in', completedAt: LessThanOrEqual(completedAt) },
        order: { completedAt: 'DESC' },
      });
      const found = newDeficiencies(moveIn?.deficiencies ?? null, inspection.deficiencies);
      const grossCents = repairCostCents(found, this.engine.policy.damageTariff);
      if (grossCents === 0) return 'no_damage' as const;
      const today = this.clock.today();
      const { wearBasisPointsPerYear } = this.engine.policy;
      const proposal = damageClaim({ grossCents, startDate: tenancy.startDate, lastDay: tenancy.lastDay ?? today, wearBasisPointsPerYear, capCents });
      if (proposal.claimedCents === 0) return 'no_damage' as const;
      const opened = await this.engine.open(
        manager,
        tenancy,
        headLease,
        'damage',
        proposal.claimedCents,
        {
          inspections: [
            ...(moveIn ? [{ inspectionId: moveIn.inspectionId, type: 'move_in', completedAt: moveIn.completedAt.toISOString(), deficiencies: moveIn.deficiencies }] : []),
            { inspectionId: inspection.inspectionId, type: 'move_out', completedAt: completedAt.toISOString(), deficiencies: inspection.deficiencies },
          ],
          damage: { newDeficiencies: found, grossCents, occupationMonths: proposal.occupationMonths, wearBasisPointsPerYear, wearCents: proposal.wearCents, capCents },
        },
        today,
        SYSTEM_ACTOR,
        { sourceInspectionId: inspection.inspectionId },
      );
      await this.tenancies.save(manager, tenancy, opened.events);
      return 'proposed' as const;
    });
  }
}
