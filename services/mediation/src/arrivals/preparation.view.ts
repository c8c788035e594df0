import { deadlineState } from '../calendar/deadline';
import { MediationRules } from '../config';
import { MediationVault, VaultContext } from '../vault';
import { BuddyContact, Preparation, PreparationTask } from './domain/preparation.entity';

export function toPreparationView(
  preparation: Preparation,
  tasks: readonly PreparationTask[],
  contacts: readonly BuddyContact[],
  rules: MediationRules,
  vault: MediationVault,
  today = rules.today(),
) {
  return {
    id: preparation.id,
    version: preparation.version,
    offerId: preparation.offerId,
    unitId: preparation.unitId,
    householdId: preparation.householdId,
    reference: preparation.reference,
    status: preparation.status,
    ownerId: preparation.ownerId,
    consent: {
      sharedItems: preparation.sharedItems,
      recordedOn: preparation.consentRecordedOn,
      note: vault.openOptional<string>(VaultContext.consentNote(preparation.id), preparation.consentNoteEncrypted),
    },
    tasks: tasks.map((task) => ({
      id: task.id,
      kind: task.kind,
      ownerId: task.ownerId,
      dueOn: task.dueOn,
      doneOn: task.doneOn,
      state: deadlineState({ startedOn: task.startedOn, dueOn: task.dueOn, doneOn: task.doneOn }, today, rules.calendar),
      result: vault.openOptional<string>(VaultContext.taskResult(task.id), task.resultEncrypted),
      neighbourId: task.neighbourId,
    })),
    tenancyId: preparation.tenancyId,
    postArrivalMeeting: preparation.meetingDueOn
      ? {
          dueOn: preparation.meetingDueOn,
          heldOn: preparation.meetingHeldOn,
          state: deadlineState({ startedOn: preparation.tenancyStartedOn!, dueOn: preparation.meetingDueOn, doneOn: preparation.meetingHeldOn }, today, rules.calendar),
          attendees: preparation.meetingAttendees,
          notes: vault.openOptional<string>(VaultContext.meetingNotes(preparation.id), preparation.meetingNotesEncrypted),
        }
      : null,
    buddy: preparation.buddyEncrypted
      ? { ...vault.open<{ name: string; phone: string | null }>(VaultContext.buddy(preparation.id), preparation.buddyEncrypted), assignedOn: preparation.buddyAssignedOn }
      : null,
    buddyContacts: contacts.map((contact) => ({ id: contact.id, contactedOn: contact.contactedOn, note: vault.openOptional<string>(VaultContext.buddyContact(contact.id), contact.noteEncrypted) })),
  };
}

export type PreparationView = ReturnType<typeof toPreparationView>;
