import { ActorRef, ArrearsStageReached, GuaranteeClaimOpened } from '@hearth/contracts';
import { newEvent, NewEvent } from '@hearth/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { HeadLease } from '../head-leases/domain/head-lease.entity';
import { LedgerEntry } from '../ledger/domain/ledger-entry.entity';
import { PaymentPlan } from '../payment-plans/domain/payment-plan.entity';
import { Tenancy } from '../tenancies/domain/tenancy.entity';
import { toTenancyEventRef } from '../tenancies/tenancy.view';
import { ArrearsNotice, ClaimEvidence, ClaimMonth, GuaranteeClaim } from './domain/claim.entity';
import {
  claimDueOn,
  ClaimDeadlines,
  claimFileBy,
  ClaimKind,
  Deficiencies,
  monthAddBy,
  monthsToClaim,
  noticeDeadline,
  noticePayBy,
  unpaidMonths,
} from './domain/claim-rules';

export const CLAIM_POLICY = Symbol('CLAIM_POLICY');

export interface ClaimPolicy {
  deadlines: ClaimDeadlines;
  /** Repair cost per new deficiency found at move-out, by severity (cents). */
  damageTariff: Deficiencies;
  wearBasisPointsPerYear: number;
}

type Events = (version: number) => NewEvent[];

/**
 * The claim engine: the arrears ladder's later steps (formal notice, claim, each further unpaid
 * month) and the opening of a claim of any kind with its evidence. It changes the tenancy and
 * returns the events for the caller to save with it (claim events share the tenancy's key).
 */
@Injectable()
export class ClaimEngine {
  constructor(@Inject(CLAIM_POLICY) readonly policy: ClaimPolicy) {}

  /**
   * One day of the ladder for a tenancy already settled today. Established arrears get a formal
   * notice; once the notice's time to pay has run out, an arrears claim is filed (if the
   * agreement covers rent arrears) with every unpaid month; later unpaid months are added to the
   * claim in progress, or open a follow-up claim once that one is decided — at most
   * `maxMonths` months over the tenancy. A payment plan in force holds the ladder.
   */
  async reviewArrears(manager: EntityManager, tenancy: Tenancy, today: string, actor: ActorRef): Promise<Events> {
    const stage = tenancy.arrearsStage;
    if (stage !== 'established' && stage !== 'notice' && stage !== 'claim') return () => [];
    if (await manager.existsBy(PaymentPlan, { tenancyId: tenancy.id, status: 'active' })) return () => [];
    const { deadlines } = this.policy;
    const establishedOn = tenancy.arrearsEstablishedOn ?? today;
    const ref = toTenancyEventRef(tenancy);
    const entries = await manager.find(LedgerEntry, { where: { tenancyId: tenancy.id }, order: { bookedOn: 'ASC', createdAt: 'ASC' } });
    const credits = new Map<string, number>();
    for (const e of entries.filter((e) => e.kind === 'credit')) credits.set(e.month!, (credits.get(e.month!) ?? 0) + e.amountCents);
    const charges = entries.filter((e) => e.kind === 'charge').map((e) => ({ month: e.month!, dueOn: e.bookedOn, amountCents: e.amountCents - (credits.get(e.month!) ?? 0) }));
    const paid = entries.filter((e) => e.kind === 'payment').reduce((sum, e) => sum + e.amountCents, 0);
    const unpaid = unpaidMonths(charges, paid, today);
    const arrearsCents = unpaid.reduce((sum, m) => sum + m.openCents, 0);
    const monthly = tenancy.rentCents + tenancy.serviceChargesCents;
    const monthsUnpaid = monthly > 0 ? Math.floor((arrearsCents * 100) / monthly) / 100 : 0;
    const stageEvent = (reached: 'notice' | 'claim') => (version: number) =>
      newEvent(ArrearsStageReached, { aggregateId: tenancy.id, aggregateVersion: version, actor, payload: { ...ref, stage: reached, arrearsCents, monthsUnpaid, reachedOn: today } });

    if (stage === 'established') {
      await manager.insert(ArrearsNotice, {
        id: randomUUID(),
        tenancyId: tenancy.id,
        kind: 'formal_notice',
        sentOn: today,
        payBy: noticePayBy(today, deadlines),
        arrearsCents,
        late: today > noticeDeadline(establishedOn, deadlines),
      });
      tenancy.arrearsStage = 'notice';
      const notice = stageEvent('notice');
      return (version) => [notice(version)];
    }

    if (stage === 'notice') {
      const notice = await manager.findOne(ArrearsNotice, { where: { tenancyId: tenancy.id, kind: 'formal_notice' }, order: { sentOn: 'DESC' } });
      if (notice && today < claimDueOn(notice.sentOn, deadlines)) return () => [];
    }
    const headLease = tenancy.headLeaseId ? await manager.findOneBy(HeadLease, { id: tenancy.headLeaseId }) : null;
    if (!headLease?.coverage?.rentArrears) return () => [];

    const claimed = new Set((await manager.find(ClaimMonth, { where: { tenancyId: tenancy.id }, select: { month: true } })).map((m) => m.month));
    const toClaim = monthsToClaim(unpaid, claimed, deadlines.maxMonths);
    if (toClaim.length === 0) return () => [];
    const notices = await manager.find(ArrearsNotice, { where: { tenancyId: tenancy.id }, order: { sentOn: 'ASC' } });
    const evidence: ClaimEvidence = {
      ledger: entries.map((e) => ({ kind: e.kind, month: e.month, bookedOn: e.bookedOn, amountCents: e.amountCents })),
      notices: notices.map((n) => ({ kind: n.kind, sentOn: n.sentOn, payBy: n.payBy, arrearsCents: n.arrearsCents })),
    };
    const addedCents = toClaim.reduce((sum, m) => sum + m.openCents, 0);

    const inProgress = await manager.findOne(GuaranteeClaim, {
      where: { tenancyId: tenancy.id, kind: 'arrears', status: In(['opened', 'submitted']) },
      lock: { mode: 'pessimistic_write' },
    });
    if (inProgress) {
      await this.insertMonths(manager, inProgress.id, tenancy.id, toClaim, today, (m) => today > monthAddBy(m.dueOn, deadlines));
      await manager.update(GuaranteeClaim, { id: inProgress.id }, { amountCents: inProgress.amountCents + addedCents, evidence: evidence as never });
      return () => [];
    }

    // A first claim is due within 30 days of establishment; a follow-up claim within 30 days of its first month's due date.
    const fileBy = stage === 'notice' || claimed.size === 0 ? claimFileBy(establishedOn, deadlines) : monthAddBy(toClaim[0].dueOn, deadlines);
    const opened = await this.open(manager, tenancy, headLease, 'arrears', addedCents, evidence, today, actor, { fileBy });
    await this.insertMonths(manager, opened.claim.id, tenancy.id, toClaim, today, (m) => today > (stage === 'notice' ? fileBy : monthAddBy(m.dueOn, deadlines)));
    if (stage === 'notice') {
      tenancy.arrearsStage = 'claim';
      const reached = stageEvent('claim');
      return (version) => [reached(version), ...opened.events(version)];
    }
    return opened.events;
  }

  private async insertMonths(
    manager: EntityManager,
    claimId: string,
    tenancyId: string,
    months: { month: string; dueOn: string; openCents: number }[],
    today: string,
    late: (m: { dueOn: string }) => boolean,
  ): Promise<void> {
    await manager.insert(
      ClaimMonth,
      months.map((m) => ({ tenancyId, month: m.month, claimId, dueOn: m.dueOn, amountCents: m.openCents, addedOn: today, late: late(m) })),
    );
  }

  /** Opens a claim of a tenancy under its head lease, with its evidence; returns the claim and its GuaranteeClaimOpened. */
  async open(
    manager: EntityManager,
    tenancy: Tenancy,
    headLease: HeadLease,
    kind: ClaimKind,
    amountCents: number,
    evidence: ClaimEvidence,
    today: string,
    actor: ActorRef,
    extra: { fileBy?: string; sourceInspectionId?: string } = {},
  ): Promise<{ claim: GuaranteeClaim; events: Events }> {
    const claim: GuaranteeClaim = {
      id: randomUUID(),
      tenancyId: tenancy.id,
      headLeaseId: headLease.id,
      landlordId: headLease.landlordId,
      unitId: tenancy.unitId,
      kind,
      status: 'opened',
      amountCents,
      openedOn: today,
      fileBy: extra.fileBy ?? null,
      filedLate: extra.fileBy !== undefined && today > extra.fileBy,
      evidence,
      sourceInspectionId: extra.sourceInspectionId ?? null,
      submittedOn: null,
      decision: null,
      approvedCents: null,
      decisionReasons: null,
      decidedOn: null,
      paidOn: null,
      ownerCents: null,
      agencyCents: null,
      recovery: null,
      openedBy: actor.id,
      createdAt: new Date(),
    };
    await manager.insert(GuaranteeClaim, claim as never);
    const ref = toTenancyEventRef(tenancy);
    return {
      claim,
      events: (version) => [
        newEvent(GuaranteeClaimOpened, {
          aggregateId: tenancy.id,
          aggregateVersion: version,
          actor,
          payload: { ...ref, claimId: claim.id, landlordId: headLease.landlordId, kind, amountCents },
        }),
      ],
    };
  }
}
