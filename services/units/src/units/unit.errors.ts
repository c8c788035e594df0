import { InvalidTransitionError, NotFoundError } from '@hearth/platform';

export class UnitNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('UNIT.NOT_FOUND', `No unit ${id}`);
  }
}

export class LandlordNotActiveError extends InvalidTransitionError {
  constructor(landlordId: string) {
    super('UNIT.LANDLORD_NOT_ACTIVE', `Landlord ${landlordId} is not verified and active, so no flat can be listed for them`);
  }
}

export class NoSignedAgreementError extends InvalidTransitionError {
  constructor(landlordId: string) {
    super('UNIT.NO_SIGNED_AGREEMENT', `Landlord ${landlordId} has no signed agreement with the agency`);
  }
}
