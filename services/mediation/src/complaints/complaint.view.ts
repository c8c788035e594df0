import { Actor } from '@hearth/auth';
import { visibilityOf, Visibility } from '../access';
import { deadlineState } from '../calendar/deadline';
import { MediationRules } from '../config';
import { MediationVault, VaultContext } from '../vault';
import { Complaint, ComplaintStage } from './domain/complaint.entity';
import { LoadedComplaint } from './complaint.repository';

function stageView(complaint: Complaint, stage: ComplaintStage, rules: MediationRules, today: string, vault: MediationVault | null) {
  return {
    stage: stage.stage,
    handlerId: stage.handlerId,
    startedOn: stage.startedOn,
    acknowledgement: {
      dueOn: stage.acknowledgeBy,
      doneOn: stage.acknowledgedOn,
      state: deadlineState({ startedOn: stage.startedOn, dueOn: stage.acknowledgeBy, doneOn: stage.acknowledgedOn }, today, rules.calendar),
      overdueFlagged: stage.acknowledgeOverdue,
    },
    answer:
      stage.acknowledgedOn && stage.answerBy
        ? {
            dueOn: stage.answerBy,
            doneOn: stage.answeredOn,
            state: deadlineState({ startedOn: stage.acknowledgedOn, dueOn: stage.answerBy, doneOn: stage.answeredOn }, today, rules.calendar),
            overdueFlagged: stage.answerOverdue,
            extensionDays: stage.extensionDays,
            extensionReasons: vault ? (vault.openOptional<string[]>(VaultContext.complaintExtension(complaint.id, stage.stage), stage.extensionReasonEncrypted) ?? []) : [],
            upheld: stage.upheld,
            text: vault ? vault.openOptional<string>(VaultContext.complaintAnswer(complaint.id, stage.stage), stage.answerEncrypted) : null,
          }
        : null,
  };
}

/** The deadline the complaint is waiting on now, with its state; null when answered or withdrawn. */
export function pendingDeadline(
  complaint: Pick<Complaint, 'status'>,
  stage: Pick<ComplaintStage, 'stage' | 'startedOn' | 'acknowledgeBy' | 'acknowledgedOn' | 'answerBy'>,
  rules: MediationRules,
  today: string,
) {
  if (complaint.status === 'awaiting_acknowledgement') {
    return { kind: 'acknowledgement' as const, stage: stage.stage, dueOn: stage.acknowledgeBy, state: deadlineState({ startedOn: stage.startedOn, dueOn: stage.acknowledgeBy, doneOn: null }, today, rules.calendar) };
  }
  if (complaint.status === 'awaiting_answer' && stage.acknowledgedOn && stage.answerBy) {
    return { kind: 'answer' as const, stage: stage.stage, dueOn: stage.answerBy, state: deadlineState({ startedOn: stage.acknowledgedOn, dueOn: stage.answerBy, doneOn: null }, today, rules.calendar) };
  }
  return null;
}

/**
 * A complaint as `actor` may read it. Full: everything, the description decrypted. A landlord who
 * filed it: their complaint and its answers, but not who else is involved. A landlord owning the
 * flat: only that a case exists, its category and where it stands. The complainant's identity is
 * shown to nobody but the agency, its handlers and the complainant landlord.
 */
export function toComplaintView(loaded: LoadedComplaint, actor: Actor, rules: MediationRules, vault: MediationVault, today = rules.today()) {
  const { complaint, stages } = loaded;
  const visibility: Visibility = visibilityOf(actor, loaded.scope);
  const current = stages.find((stage) => stage.stage === complaint.stage)!;
  const summary = {
    id: complaint.id,
    version: complaint.version,
    unitId: complaint.unitId,
    tenancyId: complaint.tenancyId,
    category: complaint.category,
    stage: complaint.stage,
    status: complaint.status,
    receivedOn: complaint.receivedOn,
    mediationId: complaint.mediationId,
  };
  if (visibility === 'landlord_summary') return { ...summary, visibility };
  const full = visibility === 'full';
  return {
    ...summary,
    visibility,
    householdId: complaint.householdId,
    landlordId: complaint.landlordId,
    intensity: complaint.intensity,
    channel: complaint.channel,
    complainant: { kind: complaint.complainantKind, ref: complaint.complainantRef },
    respondent: { kind: complaint.respondentKind, ref: full ? complaint.respondentRef : null },
    description: vault.openOptional<string>(VaultContext.complaintDescription(complaint.id), complaint.descriptionEncrypted),
    filedBy: { id: complaint.filedBy, role: complaint.filedByRole },
    receivedAt: complaint.receivedAt,
    handlerId: complaint.handlerId,
    pendingDeadline: current ? pendingDeadline(complaint, current, rules, today) : null,
    stages: stages.map((stage) => stageView(complaint, stage, rules, today, vault)),
    createdAt: complaint.createdAt,
    updatedAt: complaint.updatedAt,
  };
}

export type ComplaintView = ReturnType<typeof toComplaintView>;
