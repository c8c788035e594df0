import { declineReasonSchema } from '@hearth/contracts';
import { Rate, rate } from './stats';
import { PROGRAMMES, Question, within } from './question';
import { PRIORITY_BANDS, priorityBand, PriorityBand } from './time-to-house';

export interface OfferRow {
  offerId: string;
  householdId: string;
  programme: string | null;
  district: string | null;
  /** The household's last priority score published on or before the day the offer was made. */
  priority: number | null;
  madeOn: string | null;
  acceptedOn: string | null;
  declinedOn: string | null;
  declineReason: string | null;
  declineParty: string | null;
  expiredOn: string | null;
  withdrawnOn: string | null;
  withdrawnFrom: string | null;
}

export type OfferOutcome = 'accepted' | 'fell_through' | 'declined_by_household' | 'declined_by_provider' | 'expired' | 'withdrawn' | 'open';

/** An offer's outcome as known at the end of asOf. */
export function outcomeAsOf(offer: OfferRow, asOf: string): OfferOutcome {
  const by = (day: string | null) => day !== null && day <= asOf;
  if (by(offer.acceptedOn)) return offer.withdrawnFrom === 'accepted' && by(offer.withdrawnOn) ? 'fell_through' : 'accepted';
  if (by(offer.declinedOn)) return offer.declineParty === 'provider' ? 'declined_by_provider' : 'declined_by_household';
  if (by(offer.expiredOn)) return 'expired';
  if (by(offer.withdrawnOn)) return 'withdrawn';
  return 'open';
}

export interface OfferCounts {
  made: number;
  accepted: number;
  fellThrough: number;
  declinedByHousehold: number;
  declinedByProvider: number;
  expired: number;
  withdrawn: number;
  open: number;
  /** (accepted + fell through) ÷ (accepted + fell through + declined by the household + expired). */
  acceptanceRate: Rate;
  /** declined by the household ÷ the same denominator. */
  householdDeclineRate: Rate;
  /** expired ÷ the same denominator. */
  expiryRate: Rate;
}

export interface Offers extends OfferCounts {
  byProgramme: ({ programme: string } & OfferCounts)[];
  /** By the household's priority band on the day the offer was made (fairness). */
  byPriorityBand: ({ band: PriorityBand } & OfferCounts)[];
  declinesByReason: { reason: string; party: 'household' | 'provider'; count: number }[];
  /** Households with two or more offers in the period they declined themselves. */
  householdsDecliningTwiceOrMore: number;
}

function counts(outcomes: readonly OfferOutcome[]): OfferCounts {
  const n = (outcome: OfferOutcome) => outcomes.filter((o) => o === outcome).length;
  const accepted = n('accepted');
  const fellThrough = n('fell_through');
  const declinedByHousehold = n('declined_by_household');
  const expired = n('expired');
  const answered = accepted + fellThrough + declinedByHousehold + expired;
  return {
    made: outcomes.length,
    accepted,
    fellThrough,
    declinedByHousehold,
    declinedByProvider: n('declined_by_provider'),
    expired,
    withdrawn: n('withdrawn'),
    open: n('open'),
    acceptanceRate: rate(accepted + fellThrough, answered),
    householdDeclineRate: rate(declinedByHousehold, answered),
    expiryRate: rate(expired, answered),
  };
}

/**
 * Offers (docs/indicators.md#offers): offers made (the household told) in the period, with their
 * outcome as known on asOf. Provider declines and withdrawals are not the household's answer and
 * stay out of the rates' denominator; they are counted apart.
 */
export function offers(question: Question, rows: readonly OfferRow[]): Offers {
  const population = rows.filter(
    (o) =>
      o.madeOn !== null &&
      o.madeOn <= question.asOf &&
      within(o.madeOn, question) &&
      (!question.programme || o.programme === question.programme) &&
      (!question.district || o.district === question.district),
  );
  const outcomes = population.map((o) => ({ offer: o, outcome: outcomeAsOf(o, question.asOf) }));
  const declined = outcomes.filter((o) => o.outcome === 'declined_by_household' || o.outcome === 'declined_by_provider');
  const perHousehold = new Map<string, number>();
  for (const { offer } of outcomes.filter((o) => o.outcome === 'declined_by_household')) perHousehold.set(offer.householdId, (perHousehold.get(offer.householdId) ?? 0) + 1);
  const programmes = question.programme ? [question.programme] : [...PROGRAMMES];
  return {
    ...counts(outcomes.map((o) => o.outcome)),
    byProgramme: programmes.map((programme) => ({ programme, ...counts(outcomes.filter((o) => o.offer.programme === programme).map((o) => o.outcome)) })),
    byPriorityBand: PRIORITY_BANDS.map((band) => ({ band, ...counts(outcomes.filter((o) => priorityBand(o.offer.priority) === band).map((o) => o.outcome)) })),
    declinesByReason: declineReasonSchema.options.map((reason) => ({
      reason,
      party: reason.startsWith('provider.') ? ('provider' as const) : ('household' as const),
      count: declined.filter((o) => o.offer.declineReason === reason).length,
    })),
    householdsDecliningTwiceOrMore: [...perHousehold.values()].filter((count) => count >= 2).length,
  };
}
