import { defineEvent, OfferAccepted, OfferMade, UnitReserved } from '@hearth/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EVENTS_DOC, loadCatalogueModel, REPO_ROOT } from './catalogue-sources';
import {
  CATALOGUE_MARKERS,
  catalogueProblems,
  docComments,
  eventUses,
  leadingComment,
  payloadFields,
  renderCatalogue,
  undescribedFields,
  unusedDescriptions,
  withCatalogue,
} from './event-catalogue';

/** The first line where two texts differ, with both versions, or null when they are equal. */
function firstDifference(actual: string, expected: string): string | null {
  const a = actual.split('\n');
  const e = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) return `line ${i + 1}\n  in ${EVENTS_DOC}: ${a[i] ?? '(end of file)'}\n  generated:     ${e[i] ?? '(end of file)'}`;
  }
  return null;
}

describe('docs/events.md', () => {
  const model = loadCatalogueModel();

  it('is what npm run docs:events generates from libs/contracts and the services (run it after changing an event)', () => {
    const document = readFileSync(join(REPO_ROOT, EVENTS_DOC), 'utf8');

    expect(firstDifference(document, withCatalogue(document, renderCatalogue(model)))).toBeNull();
  });

  it('describes every payload field of every event', () => {
    expect(undescribedFields(model)).toEqual([]);
  });

  it('keeps no description of a field that no longer exists', () => {
    expect(unusedDescriptions(model)).toEqual([]);
  });

  it('finds no service writing another service’s event', () => {
    expect(catalogueProblems(model)).toEqual([]);
  });

  it('lists every catalogue event once, and finds the subscriptions the services declare', () => {
    const consumersOf = (type: string) => [...new Set(model.consumers.filter((use) => use.definition.type === type).map((use) => use.service))].sort();

    expect(new Set(model.events.map((event) => event.definition)).size).toBe(model.events.length);
    // Read from services/units/src/units/events/offer-events.consumer.ts and the applicants, matching, leases, mediation and reporting consumers.
    expect(consumersOf('OfferAccepted')).toEqual(['leases', 'mediation', 'reporting', 'units']);
    expect(consumersOf('OfferWithdrawn')).toEqual(['applicants', 'leases', 'mediation', 'reporting', 'units']);
    expect(consumersOf('UnitBecameAvailable')).toEqual(['leases', 'matching', 'reporting']);
    // services/reporting/src/tenancies/events/lease-events.consumer.ts and mediation/events/mediation-events.consumer.ts.
    expect(consumersOf('TenancyEnded')).toEqual(['mediation', 'reporting']);
    expect(consumersOf('MediationClosed')).toEqual(['reporting']);
    // Rent, payments and guarantee claims feed reporting's collection rate and claims indicators (the same lease-events consumer).
    for (const type of ['RentCharged', 'PaymentRecorded', 'GuaranteeClaimOpened', 'GuaranteeClaimDecided', 'GuaranteeClaimPaid']) expect(consumersOf(type)).toContain('reporting');
    // services/leases/src/claims/events/inspection-events.consumer.ts: move-in and move-out inspections for damage claims.
    expect(consumersOf('InspectionCompleted')).toEqual(['leases', 'units']);
  });

  it('finds the services that write each event (the guarantee claims and rent indexation from leases)', () => {
    const writersOf = (type: string) => [...new Set(model.writers.filter((use) => use.definition.type === type).map((use) => use.service))].sort();

    for (const type of ['GuaranteeClaimOpened', 'GuaranteeClaimDecided', 'GuaranteeClaimPaid', 'RentIndexed']) expect(writersOf(type)).toEqual(['leases']);
  });
});

describe('payloadFields', () => {
  const Sample = defineEvent({
    type: 'SampleHappened',
    source: 'units',
    aggregateType: 'Sample',
    payload: z.object({
      count: z.number().int().nonnegative(),
      size: z.number().int().positive(),
      share: z.number().min(0).max(100),
      ref: z.uuid().nullable(),
      kind: z.enum(['x', 'y']),
      status: z.literal('paused'),
      on: z.iso.date(),
      at: z.iso.datetime({ offset: true }),
      codes: z.array(z.string().min(1)).min(1),
      scopes: z.array(z.enum(['a', 'b'])),
      month: z.string().regex(/^\d{4}-\d{2}$/),
      note: z.string().min(1).optional().describe('Said in the schema'),
      totals: z.object({ low: z.number().int().nonnegative() }),
    }),
  });

  it('renders each field’s type as a reader would write it, nested fields as dotted paths', () => {
    const fields = payloadFields(Sample).map(({ path, type, required }) => [path, type, required]);

    expect(fields).toEqual([
      ['count', 'integer ≥ 0', true],
      ['size', 'integer ≥ 1', true],
      ['share', 'number 0–100', true],
      ['ref', 'uuid or null', true],
      ['kind', 'one of `x`, `y`', true],
      ['status', '`"paused"`', true],
      ['on', 'date (YYYY-MM-DD)', true],
      ['at', 'date-time (ISO 8601 with offset)', true],
      ['codes', 'list of string (length ≥ 1) (at least 1)', true],
      ['scopes', 'list, each one of `a`, `b`', true],
      ['month', 'string matching `^\\d{4}-\\d{2}$`', true],
      ['note', 'string (length ≥ 1)', false],
      ['totals', 'object', true],
      ['totals.low', 'integer ≥ 0', true],
    ]);
  });

  it('takes a description from the schema first, then the event’s own entry, then the shared entry', () => {
    const descriptions = { note: 'shared note', count: 'shared count', 'SampleHappened.count': 'own count', 'totals.low': 'nested' };

    const byPath = Object.fromEntries(payloadFields(Sample, descriptions).map((field) => [field.path, field.description]));

    expect(byPath).toMatchObject({ note: 'Said in the schema', count: 'own count', 'totals.low': 'nested', size: undefined });
  });
});

describe('eventUses', () => {
  const contracts = { OfferMade, OfferAccepted, NotAnEvent: z.string() };

  it('finds on(Definition, …) calls in the services’ own code only', () => {
    const files = [
      { path: 'services/applicants/src/offers.consumer.ts', text: 'on(OfferMade, (e) => x),\n  on( OfferAccepted , (e) => y)' },
      { path: 'services/units/src/other.ts', text: 'emitter.on(OfferMade, handler); upon(OfferMade, z)' },
      { path: 'services/units/src/offers.consumer.spec.ts', text: 'on(OfferMade, handler)' },
      { path: 'libs/testing/src/helper.ts', text: 'on(OfferMade, handler)' },
    ];

    const uses = eventUses(files, 'on', contracts).map((use) => [use.service, use.definition.type]);

    expect(uses).toEqual([
      ['applicants', 'OfferMade'],
      ['applicants', 'OfferAccepted'],
    ]);
  });

  it('refuses a name that is not an event definition of the contracts', () => {
    const files = [{ path: 'services/units/src/x.ts', text: 'newEvent(NotAnEvent, {})' }];

    expect(() => eventUses(files, 'newEvent', contracts)).toThrow('services/units/src/x.ts: newEvent(NotAnEvent, …) names no event definition');
  });

  it('reports a service that writes an event of another service', () => {
    const writers = [
      { service: 'units', file: 'services/units/src/a.ts', definition: UnitReserved },
      { service: 'units', file: 'services/units/src/b.ts', definition: OfferMade },
    ];

    expect(catalogueProblems({ writers })).toEqual([
      'services/units/src/b.ts writes OfferMade, an event of matching (each service publishes only its own events, on its own topic)',
    ]);
  });
});

describe('comments read from an events module', () => {
  const source = [
    "import { z } from 'zod';",
    '',
    '/*',
    ' * First paragraph,',
    ' * on two lines.',
    ' *',
    ' * Second paragraph.',
    ' */',
    '',
    'const shared = {};',
    '',
    '/** The flat is kept for',
    ' *  the household. */',
    'export const UnitKept = defineEvent({ type: "UnitKept" });',
    '',
    'export const UnitLost = defineEvent({ type: "UnitLost" });',
  ].join('\n');

  it('takes the doc comment right above each definition, as one paragraph', () => {
    expect([...docComments(source)]).toEqual([['UnitKept', 'The flat is kept for the household.']]);
  });

  it('takes the comment the module opens with, keeping its paragraphs', () => {
    expect(leadingComment(source)).toBe('First paragraph, on two lines.\n\nSecond paragraph.');
    expect(leadingComment("import { z } from 'zod';\n// One line\n// and another.\nconst x = 1;\nexport const y = 2;")).toBe('One line and another.');
    expect(leadingComment("import { z } from 'zod';\nexport const y = 2;")).toBeNull();
  });
});

describe('withCatalogue', () => {
  it('replaces only what lies between the markers', () => {
    const document = `# Title\n\nProse.\n\n${CATALOGUE_MARKERS.start}\nold\n${CATALOGUE_MARKERS.end}\n\nMore prose.\n`;

    expect(withCatalogue(document, '## New\n')).toBe(`# Title\n\nProse.\n\n${CATALOGUE_MARKERS.start}\n\n## New\n\n${CATALOGUE_MARKERS.end}\n\nMore prose.\n`);
  });

  it('refuses a document without the markers', () => {
    expect(() => withCatalogue('# Title\n', 'x')).toThrow('docs/events.md must contain the markers');
  });
});

describe('renderCatalogue', () => {
  it('shows who writes and who consumes an event in the index, the flow chart and its section', () => {
    const event = { definition: UnitReserved, exportName: 'UnitReserved', file: 'libs/contracts/src/events/unit.events.ts', summary: 'Kept for an offer.' };
    const descriptions = { unitId: 'u', landlordId: 'l', offerId: 'o' };

    const text = renderCatalogue({
      events: [event],
      intros: new Map([['units', 'About flats.']]),
      consumers: [{ service: 'matching', file: 'services/matching/src/a.ts', definition: UnitReserved }],
      writers: [{ service: 'units', file: 'services/units/src/b.ts', definition: UnitReserved }],
      descriptions,
    });

    expect(text).toContain('| [UnitReserved@1](#unitreserved1) | `hearth.units` | Unit | units | matching |');
    expect(text).toContain('  units -->|1| matching');
    expect(text).toContain('## hearth.units\n\nAbout flats.\n\n### UnitReserved@1\n\nKept for an offer.\n');
    expect(text).toContain('- Topic `hearth.units`, aggregate Unit; message key: the aggregate id (`unitId`).');
    expect(text).toContain('| `offerId` | uuid | yes | o |');
  });
});
