import { NotFoundError } from '@hearth/platform';

export class LandlordNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('LANDLORD.NOT_FOUND', `No landlord ${id}`);
  }
}

export class AgreementNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('AGREEMENT.NOT_FOUND', `No agreement ${id}`);
  }
}
