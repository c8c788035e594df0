import { Agreement } from '../landlords/domain/agreement.entity';

export function toAgreementView(agreement: Agreement) {
  return {
    id: agreement.id,
    landlordId: agreement.landlordId,
    scheme: agreement.scheme,
    startDate: agreement.startDate,
    endDate: agreement.endDate,
    guaranteedMonthlyRent: agreement.guaranteedMonthlyRent,
    coverage: agreement.coverage,
    renovationLoan: agreement.renovationLoan && { ...agreement.renovationLoan, interestFree: true },
    propertyTaxReductionFiling: agreement.propertyTaxReductionFiling,
    status: agreement.status,
    signedAt: agreement.signedAt,
    endedOn: agreement.endedOn,
    endReason: agreement.endReason,
  };
}

export type AgreementView = ReturnType<typeof toAgreementView>;
