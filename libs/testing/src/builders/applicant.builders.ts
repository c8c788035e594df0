import { randomBytes } from 'node:crypto';
import { RequestBodyBuilder } from './request-body.builder';

const letters = (n: number) =>
  Array.from(randomBytes(n), (b) => 'abcdefghijklmnopqrstuvwxyz'[b % 26]).join('');

/** A unique-looking name, so two registrations in one test run are never taken for duplicates by accident. */
function aName(): string {
  const first = letters(6);
  const last = letters(8);
  return `${first[0].toUpperCase()}${first.slice(1)} ${last[0].toUpperCase()}${last.slice(1)}`;
}

/** Request body of POST /households: a single adult referred by an outreach team to Housing First. */
export class HouseholdRegistrationBuilder extends RequestBodyBuilder {
  protected body: Record<string, any> = {
    programme: 'housing_first',
    primaryContact: { fullName: aName(), dateOfBirth: '1979-05-14', phone: '+32 470 11 22 33', email: 'contact@example.org', preferredLanguage: 'nl' },
    members: { adults: 1, couples: 0, children: [] },
    referral: { source: 'outreach_team', organisation: 'Street outreach Brussels-North' },
  };

  forProgramme(programme: 'housing_first' | 'housing_led' | 'rapid_rehousing'): this {
    this.body.programme = programme;
    return this;
  }

  named(fullName: string): this {
    this.body.primaryContact.fullName = fullName;
    return this;
  }

  bornOn(dateOfBirth: string): this {
    this.body.primaryContact.dateOfBirth = dateOfBirth;
    return this;
  }

  withMembers(adults: number, couples: number, childrenAges: number[] = []): this {
    this.body.members = { adults, couples, children: childrenAges.map((age) => ({ age })) };
    return this;
  }

  withNotes(notes: string): this {
    this.body.notes = notes;
    return this;
  }

  withLegalStatus(status: string, note?: string): this {
    this.body.legalStatus = { status, ...(note && { note }) };
    return this;
  }

  /** Staff confirm a possible duplicate is a different person. */
  differentPerson(): this {
    this.body.differentPersonConfirmed = true;
    return this;
  }

  without(field: string): this {
    delete this.body[field];
    return this;
  }
}

export const aHouseholdRegistration = () => new HouseholdRegistrationBuilder();

/** Request body of POST /households/:id/consent: the applicant consents to processing and matching today. */
export class ConsentBuilder extends RequestBodyBuilder {
  protected body: Record<string, any> = { scope: ['processing', 'matching'], givenOn: new Date().toISOString().slice(0, 10), givenBy: 'applicant' };

  withScope(...scope: string[]): this {
    this.body.scope = scope;
    return this;
  }

  withNote(note: string): this {
    this.body.note = note;
    return this;
  }
}

export const aConsent = () => new ConsentBuilder();

/** Request body of PUT /households/:id/needs: no special needs, rent by the affordability rule from benefits. */
export class NeedsBuilder extends RequestBodyBuilder {
  protected body: Record<string, any> = {
    wheelchair: false,
    stepFree: false,
    pets: false,
    rent: { basis: 'rule', monthlyIncome: 0, monthlyBenefits: 1400 },
    preferredDistricts: [],
    excludedDistricts: [],
  };

  wheelchair(): this {
    return this.with('wheelchair', true).with('stepFree', true);
  }

  withPets(): this {
    return this.with('pets', true);
  }

  rentByRule(monthlyIncome: number, monthlyBenefits: number): this {
    return this.with('rent', { basis: 'rule', monthlyIncome, monthlyBenefits });
  }

  rentSetTo(maxRent: number, reason?: string): this {
    return this.with('rent', { basis: 'set', maxRent, ...(reason && { reason }) });
  }

  bedroomsOverride(bedrooms: number, reason: string): this {
    return this.with('bedroomsOverride', { bedrooms, reason });
  }

  prefers(...districts: string[]): this {
    return this.with('preferredDistricts', districts);
  }

  excludes(district: string, reason: string): this {
    this.body.excludedDistricts = [...this.body.excludedDistricts, { district, reason }];
    return this;
  }
}

export const someNeeds = () => new NeedsBuilder();

/** Request body of POST /households/:id/assessments: a person in an emergency shelter, homeless 6 months, no vulnerabilities. */
export class AssessmentBuilder extends RequestBodyBuilder {
  protected body: Record<string, any> = {
    assessedOn: new Date().toISOString().slice(0, 10),
    livingSituation: 'emergency_shelter',
    monthsHomelessLast3Years: 6,
    vulnerabilities: {},
  };

  livingIn(livingSituation: string, leavingInstitutionOn?: string): this {
    this.body.livingSituation = livingSituation;
    if (leavingInstitutionOn) this.body.leavingInstitutionOn = leavingInstitutionOn;
    return this;
  }

  homelessFor(months: number): this {
    return this.with('monthsHomelessLast3Years', months);
  }

  vulnerable(...vulnerabilities: string[]): this {
    return this.with('vulnerabilities', Object.fromEntries(vulnerabilities.map((v) => [v, true])));
  }

  withDetails(vulnerabilityDetails: string, notes?: string): this {
    this.body.vulnerabilityDetails = vulnerabilityDetails;
    if (notes) this.body.notes = notes;
    return this;
  }
}

export const anAssessment = () => new AssessmentBuilder();

/** Request body of POST /priority-policies: the default (v1) weights, changed where a test says. */
export class PriorityPolicyBuilder extends RequestBodyBuilder {
  protected body: Record<string, any> = {
    weights: {
      livingSituation: { rough_sleeping: 40, emergency_shelter: 30, leaving_institution: 30, temporary_accommodation: 20, overcrowded: 12, other: 5 },
      leavingInstitution: { withinDays: 90, laterShare: 0.5 },
      monthsHomeless: { pointsPerMonth: 1, maxPoints: 24 },
      vulnerabilities: { health: 8, disability: 8, age: 6, domesticViolence: 12, children: 6 },
      urgentBonus: 20,
    },
    summary: 'Board review of the priority weights',
  };

  weighting(group: string, item: string, points: number): this {
    this.body.weights[group][item] = points;
    return this;
  }

  withUrgentBonus(points: number): this {
    this.body.weights.urgentBonus = points;
    return this;
  }

  withSummary(summary: string): this {
    this.body.summary = summary;
    return this;
  }

  expectingCurrentVersion(version: number): this {
    this.body.expectedCurrentVersion = version;
    return this;
  }
}

export const aPriorityPolicy = () => new PriorityPolicyBuilder();
