import { waitingDaysOn } from '@hearth/contracts';
import { isoDate } from '../households/matching-attributes';
import { BreakdownItem } from '../priority/domain/priority-policy';

/** The columns a pseudonymised board row is made from: no ids, names, dates of birth, contacts, notes, districts or money. */
export const BOARD_COLUMNS = `h.id, h.reference, h.programme, h.status, h.household_size, h.adults, cardinality(h.children_ages) AS children,
  h.bedrooms_needed, h.wheelchair, h.step_free, h.pets, h.priority, h.assessment_score, h.priority_breakdown_encrypted,
  h.urgent, h.board_adjustment, h.policy_version, h.registered_at`;

export interface BoardRow {
  id: string;
  reference: string;
  programme: string;
  status: string;
  household_size: number;
  adults: number;
  children: number;
  bedrooms_needed: number;
  wheelchair: boolean;
  step_free: boolean;
  pets: boolean;
  priority: string | null;
  assessment_score: string | null;
  priority_breakdown_encrypted: string | null;
  urgent: boolean;
  board_adjustment: string;
  policy_version: number | null;
  registered_at: Date;
}

/** A household as the board sees it: known by its reference only. */
export function toBoardHouseholdView(row: BoardRow, breakdown: BreakdownItem[] | null, today: Date) {
  return {
    reference: row.reference,
    programme: row.programme,
    status: row.status,
    householdSize: row.household_size,
    adults: row.adults,
    children: row.children,
    needs: { bedroomsNeeded: row.bedrooms_needed, wheelchair: row.wheelchair, stepFree: row.step_free, pets: row.pets },
    priority: row.priority === null ? null : Number(row.priority),
    assessmentScore: row.assessment_score === null ? null : Number(row.assessment_score),
    scoreBreakdown: breakdown,
    urgent: row.urgent,
    boardAdjustment: Number(row.board_adjustment),
    policyVersion: row.policy_version,
    waitingDays: waitingDaysOn(isoDate(row.registered_at), today),
  };
}

export type BoardHouseholdView = ReturnType<typeof toBoardHouseholdView>;
