import { z } from 'zod';
import { eventCatalogue, PayloadValidationError, validatePayload } from './catalogue';
import * as applicantEvents from './events/applicant.events';
import * as inspectionEvents from './events/inspection.events';
import * as landlordEvents from './events/landlord.events';
import * as matchingEvents from './events/matching.events';
import * as leaseEvents from './events/lease.events';
import * as mediationEvents from './events/mediation.events';
import * as gatewayEvents from './events/gateway.events';
import * as snapshotEvents from './events/snapshot.events';
import * as unitEvents from './events/unit.events';
import { Topics } from './topics';

const LANDLORD_ID = '5f1d2c3b-8e4a-4f6b-9c7d-2a1b3c4d5e6f';
const UNIT_ID = '0b7f6a52-3c1e-4d52-9a55-1f0f7d0c2a11';

function aUnitAttributesPayload(overrides: Record<string, unknown> = {}) {
  return {
    unitId: UNIT_ID,
    landlordId: LANDLORD_ID,
    buildingId: 'bld-rue-haute-120',
    district: 'BXL-C',
    postalCode: '1000',
    city: 'Brussels',
    address: 'Rue Haute 120',
    type: 'apartment',
    bedrooms: 2,
    floorArea: 68,
    maxOccupants: 4,
    rent: 690,
    serviceCharges: 45,
    wheelchairAccessible: false,
    stepFree: true,
    petsAllowed: true,
    availableFrom: '2027-02-01',
    ...overrides,
  };
}

function payloadErrorOf(action: () => unknown): PayloadValidationError {
  try {
    action();
  } catch (error) {
    if (error instanceof PayloadValidationError) return error;
    throw error;
  }
  throw new Error('expected the payload to be rejected');
}

/** Every field name in a payload schema, nested ones as dotted paths, through optional/nullable/array/union wrappers. */
function fieldPaths(schema: z.ZodType, prefix = ''): string[] {
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, value]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return [path, ...fieldPaths(value, path)];
    });
  }
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    return fieldPaths(schema.unwrap() as z.ZodType, prefix);
  }
  if (schema instanceof z.ZodArray) return fieldPaths(schema.element as z.ZodType, prefix);
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap((option) => fieldPaths(option, prefix));
  return [];
}

/** Names that say a field holds a person's identity, contact or bank details. */
const PERSONAL_DATA = /name|e-?mail|phone|dateofbirth|birth|iban|bankaccount/i;

function personalDataFields(schema: z.ZodType): string[] {
  return fieldPaths(schema).filter((path) => PERSONAL_DATA.test(path.split('.').pop() ?? ''));
}

const definitions = eventCatalogue.all();

describe('event catalogue', () => {
  it('holds every event definition the event modules export', () => {
    const modules = [landlordEvents, unitEvents, inspectionEvents, applicantEvents, matchingEvents, leaseEvents, mediationEvents, gatewayEvents, snapshotEvents];
    const exported = modules.flatMap((module) => Object.values(module)).filter(
      (value) => typeof value === 'object' && value !== null && 'aggregateType' in value,
    );

    expect(exported.length).toBeGreaterThan(0);
    expect(definitions).toHaveLength(exported.length);
    for (const definition of exported) expect(definitions).toContain(definition);
  });

  it('declares each type@version once', () => {
    const keys = definitions.map((definition) => `${definition.type}@${definition.version}`);

    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(definitions.map((definition) => [definition.type, definition.version, definition] as const))(
    '%s@%i is published on its source service’s topic hearth.<source>',
    (_type, _version, definition) => {
      expect(definition.topic).toBe(`hearth.${definition.source}`);
      expect(definition.topic).toBe(Topics[definition.source]);
    },
  );

  it('finds a definition by type and version, and nothing for an unknown version', () => {
    expect(eventCatalogue.find('LandlordRegistered', 1)).toBe(landlordEvents.LandlordRegistered);
    expect(eventCatalogue.find('LandlordRegistered', 2)).toBeUndefined();
    expect(eventCatalogue.has('UnitReserved')).toBe(true);
    expect(eventCatalogue.has('UnitDemolished')).toBe(false);
  });

  describe('personal data', () => {
    it.each(definitions.map((definition) => [`${definition.type}@${definition.version}`, definition] as const))(
      '%s carries no field named like personal data',
      (_key, definition) => {
        const fields = fieldPaths(definition.payload);

        expect(fields.length).toBeGreaterThan(0);
        expect(personalDataFields(definition.payload)).toEqual([]);
      },
    );

    it('the check would catch names, contacts, birth dates and bank details, also nested', () => {
      const leaky = z.object({
        landlordId: z.uuid(),
        fullName: z.string(),
        contact: z.object({ email: z.email(), phone: z.string().optional() }).nullable(),
        household: z.array(z.object({ dateOfBirth: z.iso.date() })),
        payout: z.object({ iban: z.string(), bankAccount: z.string() }).optional(),
      });

      expect(personalDataFields(leaky)).toEqual([
        'fullName',
        'contact.email',
        'contact.phone',
        'household.dateOfBirth',
        'payout.iban',
        'payout.bankAccount',
      ]);
    });
  });
});

describe('validatePayload', () => {
  it('accepts a valid LandlordRegistered payload and returns it', () => {
    const payload = { landlordId: LANDLORD_ID, kind: 'company', status: 'prospect' };

    expect(validatePayload('LandlordRegistered', 1, payload)).toEqual(payload);
  });

  it('accepts a valid UnitSubmittedForInspection payload, including a flat without an availability date', () => {
    const payload = aUnitAttributesPayload({ availableFrom: null });

    expect(validatePayload('UnitSubmittedForInspection', 1, payload)).toEqual(payload);
  });

  it('rejects a wrong LandlordRegistered payload, listing every bad path', () => {
    const error = payloadErrorOf(() => validatePayload('LandlordRegistered', 1, { landlordId: 'landlord-1', kind: 'trust' }));

    expect(error.eventType).toBe('LandlordRegistered');
    expect(error.issues.map((issue) => issue.split(':')[0]).sort()).toEqual(['kind', 'landlordId', 'status']);
    expect(error.message).toMatch(/^Invalid LandlordRegistered payload: /);
  });

  it('rejects a UnitSubmittedForInspection payload with impossible values, naming each field', () => {
    const payload = aUnitAttributesPayload({ bedrooms: 1.5, floorArea: 0, maxOccupants: 0, availableFrom: '2027-02-30' });

    const error = payloadErrorOf(() => validatePayload('UnitSubmittedForInspection', 1, payload));

    expect(error.issues.map((issue) => issue.split(':')[0]).sort()).toEqual(['availableFrom', 'bedrooms', 'floorArea', 'maxOccupants']);
  });

  it('rejects a payload that is not an object at all, marking the whole payload', () => {
    const error = payloadErrorOf(() => validatePayload('LandlordVerified', 1, null));

    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatch(/^\(payload\): /);
  });

  it.each([
    ['an unknown type', 'LandlordDeleted', 1],
    ['an unknown version of a known type', 'LandlordRegistered', 2],
  ])('rejects %s', (_label, type, version) => {
    const error = payloadErrorOf(() => validatePayload(type, version, { landlordId: LANDLORD_ID }));

    expect(error.eventType).toBe(type);
    expect(error.issues).toEqual([`unknown event type ${type} version ${version}`]);
  });
});
