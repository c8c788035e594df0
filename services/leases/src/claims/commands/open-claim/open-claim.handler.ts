import { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { ConflictError, toCents } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeasesClock } from '../../../clock';
import { HeadLease } from '../../../head-leases/domain/head-lease.entity';
import { ClaimNotCoveredError } from '../../../leases.errors';
import { LedgerEntry } from '../../../ledger/domain/ledger-entry.entity';
import { TenancyRepository } from '../../../tenancies/tenancy.repository';
import { ClaimEngine } from '../../claim-engine';
import { toClaimView } from '../../claim.view';
import { ClaimEvidence } from '../../domain/claim.entity';
import { damageClaim, vacancyCents } from '../../domain/claim-rules';
import { OpenClaimDto } from './open-claim.dto';

export class OpenClaimCommand extends Command<ReturnType<typeof toClaimView>> {
  constructor(
    readonly tenancyId: string,
    readonly input: OpenClaimDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Staff open a claim of a tenancy within the agreement's coverage: damage at exit (the repair
 * cost reduced for normal wear and capped by the damage cover, as for a damage claim proposed from
 * the inspections), legal costs, or the guaranteed rent of an empty period after the tenancy ended.
 */
@CommandHandler(OpenClaimCommand)
export class OpenClaimHandler implements ICommandHandler<OpenClaimCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly engine: ClaimEngine,
    private readonly clock: LeasesClock,
  ) {}

  execute({ tenancyId, input, actor }: OpenClaimCommand) {
    return this.unitOfWork.run(async (manager) => {
      const tenancy = await this.tenancies.getForUpdate(manager, tenancyId, actor);
      const today = this.clock.today();
      const headLease = tenancy.headLeaseId ? await manager.findOneBy(HeadLease, { id: tenancy.headLeaseId }) : null;
      const coverage = headLease?.coverage ?? null;
      let amountCents: number;
      let evidence: ClaimEvidence;
      if (input.kind === 'damage') {
        if (!coverage || coverage.damageCapCents <= 0) throw new ClaimNotCoveredError(input.kind);
        if (tenancy.status !== 'ending' && tenancy.status !== 'ended') {
          throw new ConflictError('CLAIM.NOT_AT_EXIT', 'Damage is claimed at exit: the tenancy must be under notice or ended');
        }
        const { wearBasisPointsPerYear } = this.engine.policy;
        const proposal = damageClaim({ grossCents: toCents(input.repairCost!), startDate: tenancy.startDate, lastDay: tenancy.lastDay ?? today, wearBasisPointsPerYear, capCents: coverage.damageCapCents });
        if (proposal.claimedCents === 0) throw new ConflictError('CLAIM.NOTHING_TO_CLAIM', 'Normal wear over the occupation covers the whole repair cost');
        amountCents = proposal.claimedCents;
        evidence = {
          damage: { newDeficiencies: null, grossCents: proposal.grossCents, occupationMonths: proposal.occupationMonths, wearBasisPointsPerYear, wearCents: proposal.wearCents, capCents: proposal.capCents },
          ...(input.description && { description: input.description }),
        };
      } else if (input.kind === 'legal_costs') {
        if (!coverage?.legalCosts) throw new ClaimNotCoveredError(input.kind);
        amountCents = toCents(input.amount!);
        const entries = await manager.find(LedgerEntry, { where: { tenancyId }, order: { bookedOn: 'ASC', createdAt: 'ASC' } });
        evidence = { description: input.description!, ledger: entries.map((e) => ({ kind: e.kind, month: e.month, bookedOn: e.bookedOn, amountCents: e.amountCents })) };
      } else {
        const from = input.from!;
        const to = input.to!;
        if (!coverage?.vacancy) throw new ClaimNotCoveredError(input.kind);
        if (tenancy.status !== 'ended' || !tenancy.endedOn) throw new ConflictError('CLAIM.NOT_VACANT', 'A vacancy follows a tenancy that has ended');
        if (from <= tenancy.endedOn || to > headLease!.endDate || to >= today) {
          throw new ConflictError('CLAIM.INVALID_PERIOD', `The empty period runs after ${tenancy.endedOn}, before today and within the head lease (to ${headLease!.endDate})`);
        }
        const [{ overlapping }] = await manager.query(
          `SELECT count(*)::int AS overlapping FROM tenancies
            WHERE unit_id = $1 AND id <> $2 AND activated_on IS NOT NULL
              AND start_date <= $4::date AND COALESCE(ended_on, ends_on, end_date, $4::date) >= $3::date`,
          [tenancy.unitId, tenancy.id, from, to],
        );
        if (overlapping > 0) throw new ConflictError('CLAIM.INVALID_PERIOD', 'The flat was let during part of that period');
        const months = vacancyCents(headLease!.guaranteedRentCents, from, to);
        amountCents = months.reduce((sum, m) => sum + m.amountCents, 0);
        evidence = { vacancy: { from: from, to: to, months } };
      }
      const opened = await this.engine.open(manager, tenancy, headLease!, input.kind, amountCents, evidence, today, actor);
      await this.tenancies.save(manager, tenancy, opened.events);
      return toClaimView(opened.claim, []);
    });
  }
}
