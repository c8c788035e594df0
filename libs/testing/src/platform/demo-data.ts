import { aConsent, aHouseholdRegistration, anAssessment, someNeeds } from '../builders/applicant.builders';
import { checklistAnswers } from '../builders/inspection.builders';
import { aLandlordRegistration, anAgreement } from '../builders/landlord.builders';
import { aUnit } from '../builders/unit.builders';
import { eventually } from '../eventually';

/** Every service through the gateway's front door: `${api}/<service>/…`. */
export interface DemoUrls {
  gateway: string;
  landlords: string;
  units: string;
  inspections: string;
  applicants: string;
  matching: string;
  leases: string;
  mediation: string;
}

export interface DemoSession {
  token: string;
  userId: string;
}

/** What the demo accounts can see, for the start-up message. */
export interface DemoRecords {
  landlordId: string;
  landlordName: string;
  caseloadHouseholds: number;
  inspectorId: string;
  mediatorComplaints: number;
}

type Json = Record<string, any>;

const owners = [
  { name: 'Ann Peeters', email: 'ann.peeters@example.org', bankAccount: 'BE68 5390 0754 7034', district: 'BXL-C', building: 'bld-rue-haute-120' },
  { name: 'Woningbeheer Delta NV', email: 'info@delta.example.org', bankAccount: 'NL91 ABNA 0417 1643 00', district: 'BXL-ANDERLECHT', building: 'bld-rue-wayez-8', company: 'BE0403170701' },
  { name: 'Youssef El Amrani', email: 'y.elamrani@example.org', bankAccount: 'BE71 0961 2345 6769', district: 'BXL-SCHAERBEEK', building: 'bld-av-rogier-51' },
];

/**
 * A small, believable data set through the public APIs, so every event flows as in real use:
 * three verified owners with signed agreements, six flats of which three passed their initial
 * inspection (and so are available, with shortlists), and eight waitlisted households.
 * Skipped when landlords already exist.
 */
export async function seedDemoData(
  urls: DemoUrls,
  signIn: (account: 'admin' | 'inspector' | 'caseworker' | 'mediator') => Promise<DemoSession>,
  linkLandlordUser: (adminToken: string, landlordId: string, email: string, name: string) => Promise<void>,
): Promise<DemoRecords | undefined> {
  const adminSession = await signIn('admin');
  const inspectorSession = await signIn('inspector');
  const caseworkerSession = await signIn('caseworker');
  const mediatorSession = await signIn('mediator');
  const admin = { authorization: `Bearer ${adminSession.token}` };
  const inspector = { authorization: `Bearer ${inspectorSession.token}` };
  const call = async (base: string, method: string, path: string, body?: unknown, headers = admin): Promise<Json> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Json;
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(json)}`);
    return json;
  };

  const existing = await call(urls.landlords, 'GET', '/landlords?limit=1');
  if (existing.total > 0) {
    console.log(`Demo data: ${existing.total} landlords already there, not seeding again.`);
    return undefined;
  }

  const submitted: string[] = [];
  const landlordIds: string[] = [];
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
    landlordIds.push(landlord.id);
    const agreement = await call(urls.landlords, 'POST', `/landlords/${landlord.id}/agreements`, anAgreement({ scheme: index === 2 ? 'management_mandate' : 'head_lease' }));
    await call(urls.landlords, 'POST', `/landlords/${landlord.id}/agreements/${agreement.id}/sign`);
    for (const bedrooms of [1, 2]) {
      const body = aUnit()
        .forLandlord(landlord.id)
        .withDistrict(owner.district)
        .with('buildingId', owner.building)
        .withBedrooms(bedrooms)
        .with('maxOccupants', bedrooms * 2)
        .withRent(480 + bedrooms * 160)
        .build();
      // The units service accepts the flat once the landlord's events have reached it over Kafka.
      const unit = await eventually(() => call(urls.units, 'POST', '/units', body), 30_000, 500);
      if (bedrooms === 2) {
        await eventually(() => call(urls.units, 'POST', `/units/${unit.id}/submit`, {}), 30_000, 500);
        submitted.push(unit.id);
      }
    }
  }

  // Households first, so the flats' shortlists (computed when they become available) have candidates.
  const districts = owners.map((owner) => owner.district);
  // Varied situations, so priorities differ (and a draft policy visibly reorders the waitlist).
  const situations = ['rough_sleeping', 'emergency_shelter', 'temporary_accommodation', 'overcrowded'];
  for (let i = 0; i < 8; i++) {
    const household = await call(urls.applicants, 'POST', '/households', aHouseholdRegistration().withMembers(i % 3 === 0 ? 2 : 1, i % 3 === 0 ? 1 : 0, i % 2 ? [6] : []).build());
    await call(urls.applicants, 'POST', `/households/${household.id}/consent`, aConsent().build());
    await call(urls.applicants, 'PUT', `/households/${household.id}/needs`, someNeeds().prefers(districts[i % 3]).rentSetTo(950).build());
    await call(
      urls.applicants,
      'POST',
      `/households/${household.id}/assessments`,
      anAssessment()
        .livingIn(situations[i % 4])
        .homelessFor((i * 5) % 25)
        .vulnerable(...(i % 3 === 0 ? ['domesticViolence'] : []))
        .build(),
    );
    await call(urls.applicants, 'POST', `/households/${household.id}/waitlist`, {});
    if (i < 3) await call(urls.applicants, 'PUT', `/households/${household.id}/caseworker`, { caseworkerId: caseworkerSession.userId });
  }

  const { areas } = await call(urls.inspections, 'GET', '/checklist');
  const itemCodes: string[] = areas.flatMap((area: Json) => area.items.map((item: Json) => item.code));
  for (const unitId of submitted) {
    const { items } = await eventually(async () => {
      const page = await call(urls.inspections, 'GET', `/inspections?unitId=${unitId}`);
      if (page.items.length === 0) throw new Error('initial inspection not requested yet');
      return page;
    }, 30_000, 500);
    const inspectionId = items[0].id;
    await call(urls.inspections, 'POST', `/inspections/${inspectionId}/schedule`, { inspectorId: inspectorSession.userId, scheduledAt: new Date(Date.now() + 3_600_000).toISOString() });
    for (const [code, answer] of checklistAnswers(itemCodes).build()) {
      await call(urls.inspections, 'PUT', `/inspections/${inspectionId}/items/${code}`, answer, inspector);
    }
    await call(urls.inspections, 'POST', `/inspections/${inspectionId}/complete`, {}, inspector);
  }

  // Each available flat entered the scheme: leases records its head lease (or mandate) from the owner's agreement.
  const headLeases = await eventually(async () => {
    const page = await call(urls.leases, 'GET', `/head-leases?limit=100`);
    if (page.total < submitted.length) throw new Error('head leases not recorded yet');
    return page.total as number;
  }, 30_000, 500);

  // Mediation: a neighbour of the first inspected flat (personal data, encrypted there) and their
  // noise complaint, entered by staff, assigned to the demo mediator.
  const neighbour = await call(urls.mediation, 'POST', '/neighbours', { unitId: submitted[0], fullName: 'Marie Dubois', phone: '+32 470 12 34 56', flatLabel: '2nd floor left' });
  await call(urls.mediation, 'POST', '/complaints', {
    unitId: submitted[0],
    category: 'noise',
    intensity: 'medium',
    channel: 'phone',
    description: 'Music late at night from the flat below, three evenings this week.',
    complainant: { kind: 'neighbour', ref: neighbour.id },
    respondent: { kind: 'other' },
    handlerId: mediatorSession.userId,
  });

  console.log(
    `Demo data: ${owners.length} verified landlords with signed agreements; ${owners.length * 2} flats, ` +
      `${submitted.length} of them inspected and available (shortlists follow), with ${headLeases} head leases or mandates; ` +
      `8 waitlisted households, 3 on the demo caseworker's caseload; a neighbour's complaint assigned to the demo mediator.`,
  );
  await linkLandlordUser(adminSession.token, landlordIds[0], 'landlord@hearth.demo', owners[0].name);
  return { landlordId: landlordIds[0], landlordName: owners[0].name, caseloadHouseholds: 3, inspectorId: inspectorSession.userId, mediatorComplaints: 1 };
}
