import { Offer } from './domain/offer.entity';

export function toOfferView(offer: Offer) {
  return {
    id: offer.id,
    version: offer.version,
    unitId: offer.unitId,
    householdId: offer.householdId,
    reference: offer.reference,
    status: offer.status,
    source: offer.source,
    runId: offer.runId,
    score: offer.score,
    rank: offer.rank,
    justification: offer.justification,
    responseDeadline: offer.responseDeadline,
    madeAt: offer.madeAt,
    answeredAt: offer.answeredAt,
    declineReason: offer.declineReason,
    declineParty: offer.declineParty,
    withdrawalReason: offer.withdrawalReason,
    note: offer.note,
    proposedBy: offer.proposedBy,
    createdAt: offer.createdAt,
    updatedAt: offer.updatedAt,
  };
}

export type OfferView = ReturnType<typeof toOfferView>;

/** Who and what an offer event is about: ids and the pseudonymous reference, nothing else. */
export function offerRef(offer: Offer) {
  return { offerId: offer.id, unitId: offer.unitId, householdId: offer.householdId, reference: offer.reference };
}
