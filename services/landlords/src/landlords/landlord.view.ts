import { Landlord } from './domain/landlord.entity';

/** What the API shows of a landlord: the bank account only masked. */
export function toLandlordView(landlord: Landlord) {
  return {
    id: landlord.id,
    version: landlord.version,
    kind: landlord.kind,
    name: landlord.name,
    companyNumber: landlord.companyNumber,
    contact: landlord.contact,
    preferredLanguage: landlord.preferredLanguage,
    bankAccount: landlord.bankAccountMasked,
    status: landlord.status,
    statusReason: landlord.statusReason,
    createdAt: landlord.createdAt,
    updatedAt: landlord.updatedAt,
  };
}

export type LandlordView = ReturnType<typeof toLandlordView>;
