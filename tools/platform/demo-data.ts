import { mintToken } from '@hearth/auth';
import { aLandlordRegistration, anAgreement, aUnit, eventually } from '@hearth/testing';

interface Urls {
  landlords: string;
  units: string;
}

const owners = [
  { name: 'Ann Peeters', email: 'ann.peeters@example.org', bankAccount: 'BE68 5390 0754 7034', district: 'BXL-C', building: 'bld-rue-haute-120' },
  { name: 'Woningbeheer Delta NV', email: 'info@delta.example.org', bankAccount: 'NL91 ABNA 0417 1643 00', district: 'BXL-ANDERLECHT', building: 'bld-rue-wayez-8', company: 'BE0403170701' },
  { name: 'Youssef El Amrani', email: 'y.elamrani@example.org', bankAccount: 'BE71 0961 2345 6769', district: 'BXL-SCHAERBEEK', building: 'bld-av-rogier-51' },
];

/** A small, believable data set through the public APIs (so every event flows as in real use).
 *  Skipped when landlords already exist. */
export async function seedDemoData(urls: Urls, jwtSecret: string): Promise<void> {
  const staff = { authorization: `Bearer ${mintToken(jwtSecret, { sub: 'demo-seed', role: 'sra_admin' })}` };
  const call = async (base: string, method: string, path: string, body?: unknown): Promise<{ id: string; total: number }> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...staff, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as { id: string; total: number };
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(json)}`);
    return json;
  };

  const existing = await call(urls.landlords, 'GET', '/landlords?limit=1');
  if (existing.total > 0) {
    console.log(`Demo data: ${existing.total} landlords already there, not seeding again.`);
    return;
  }
  for (const [index, owner] of owners.entries()) {
    const landlord = await call(
      urls.landlords,
      'POST',
      '/landlords',
      aLandlordRegistration({
        kind: owner.company ? 'company' : 'individual',
        name: owner.name,
        companyNumber: owner.company,
        contact: { email: owner.email },
        bankAccount: owner.bankAccount,
        preferredLanguage: index === 1 ? 'nl' : 'fr',
      }),
    );
    await call(urls.landlords, 'POST', `/landlords/${landlord.id}/verify`, {});
    const agreement = await call(urls.landlords, 'POST', `/landlords/${landlord.id}/agreements`, anAgreement({ scheme: index === 2 ? 'management_mandate' : 'head_lease' }));
    await call(urls.landlords, 'POST', `/landlords/${landlord.id}/agreements/${agreement.id}/sign`);
    for (const bedrooms of [1, 2]) {
      const unit = await eventually(
        () =>
          call(
            urls.units,
            'POST',
            '/units',
            aUnit()
              .forLandlord(landlord.id)
              .withDistrict(owner.district)
              .with('buildingId', owner.building)
              .withBedrooms(bedrooms)
              .with('maxOccupants', bedrooms * 2)
              .withRent(480 + bedrooms * 160)
              .build(),
          ),
        30_000,
        500,
      );
      if (bedrooms === 2) await call(urls.units, 'POST', `/units/${unit.id}/submit`, {});
    }
  }
  console.log(`Demo data: ${owners.length} verified landlords with signed agreements, ${owners.length * 2} flats (half submitted for inspection).`);
}
