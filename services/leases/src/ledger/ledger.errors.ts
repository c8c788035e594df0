import { ConflictError } from '@hearth/platform';

export class TenancyNotChargeableError extends ConflictError {
  constructor(id: string) {
    super('LEDGER.NOT_CHARGEABLE', `Tenancy ${id} has not started: it has no ledger yet`);
  }
}
