import { Topics } from '@hearth/contracts';
import { bearer, eventually, waitForEvents } from '@hearth/testing';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { IndexationScheduler } from '../src/indexation/indexation.scheduler';
import { ReviewArrearsCommand } from '../src/ledger/commands/review-arrears/review-arrears.handler';
import { acceptedOffer, flatInScheme, FlatInScheme, leasesSuite, pdfAt, staff, TODAY } from './support';

/**
 * The arrears ladder's notices and the indexation notice as PDFs in the recipient's language (en,
 * fr, nl), read back as text, on real infrastructure. "Today" is 20 November 2026. Amounts, dates
 * and the indexation formula worked out by hand in the comments.
 */
describe('notices as PDFs', () => {
  const suite = leasesSuite();

  /**
   * A signed tenancy of a new flat: 700.00 + 50.00 a month from `startDate`, nothing paid; the
   * household's documents in `languages.household`, the owner registered with `languages.owner`.
   */
  async function signedTenancy(startDate: string, languages: { household?: string; owner?: string } = {}): Promise<{ flat: FlatInScheme; tenancyId: string; reference: string }> {
    const flat = await flatInScheme(suite.service, suite.producer, {}, languages.owner);
    const { tenancy } = await acceptedOffer(suite.service, suite.producer, flat.unitId);
    const documentLanguage = languages.household ? { documentLanguage: languages.household } : {};
    const { body: completed } = await suite.service.http
      .put(`/tenancies/${tenancy.id}/terms`)
      .set(staff)
      .send({ rent: 700, serviceCharges: 50, deposit: { kind: 'none', amount: 0 }, startDate, endDate: null, ...documentLanguage })
      .expect(200);
    expect(completed.documentLanguage).toBe(languages.household ?? null);
    await suite.service.http.post(`/tenancies/${tenancy.id}/sign`).set(staff).send({}).expect(200);
    return { flat, tenancyId: tenancy.id, reference: tenancy.reference };
  }

  it('prints the formal notice of the arrears ladder to the household in its language: the unpaid months, the total, the date to pay by', async () => {
    // From 1 September, nothing paid: September, October and November unpaid on 20 November, 3 × 75,000 = 225,000 — established.
    // The household reads Dutch (recorded on the tenancy), the owner French (registered so with landlords).
    const { tenancyId, reference, flat } = await signedTenancy('2026-09-01', { household: 'nl', owner: 'fr' });
    await eventually(async () => {
      expect((await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200)).body).toMatchObject({ balanceCents: 225_000, arrears: { stage: 'established' } });
    }, 30_000);
    // The daily review sends the formal notice today: pay within 8 days, by 28 November.
    await suite.service.app.get(CommandBus).execute(new ReviewArrearsCommand(tenancyId));
    const { body: notices } = await suite.service.http.get(`/tenancies/${tenancyId}/notices`).set(staff).expect(200);
    expect(notices.items.map((n: { kind: string; sentOn: string; payBy: string | null }) => [n.kind, n.sentOn, n.payBy])).toEqual([
      ['reminder', TODAY, null],
      ['formal_notice', TODAY, '2026-11-28'],
    ]);
    const formal = notices.items[1];
    expect(formal.arrearsCents).toBe(225_000);
    const { body: tenancy } = await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200);
    const path = (language: string) => `/tenancies/${tenancyId}/notices/${formal.id}/pdf?language=${language}`;

    const fr = await pdfAt(suite.service, path('fr'), staff);
    expect(fr).toContain('Mise en demeure de payer');
    expect(fr).toContain(`Location du ménage ${reference}`);
    expect(fr).toContain('Votre bailleur : l’agence immobilière sociale');
    expect(fr).toContain('Date : 20 novembre 2026');
    expect(fr).toContain('septembre 2026 | 1 septembre 2026 | 750,00 €');
    expect(fr).toContain('octobre 2026 | 1 octobre 2026 | 750,00 €');
    expect(fr).toContain('novembre 2026 | 1 novembre 2026 | 750,00 €');
    expect(fr).toContain('Total impayé : 2 250,00 €');
    expect(fr).toContain('Veuillez payer 2 250,00 € au plus tard le 28 novembre 2026.');
    expect(fr).toContain(`communication structurée ${tenancy.paymentReference}`);
    const nl = await pdfAt(suite.service, path('nl'), staff);
    expect(nl).toContain('Ingebrekestelling tot betaling');
    expect(nl).toContain('september 2026 | 1 september 2026 | € 750,00');
    expect(nl).toContain('Totaal onbetaald: € 2.250,00');
    expect(nl).toContain('Betaal € 2.250,00 uiterlijk op 28 november 2026.');
    const en = await pdfAt(suite.service, path('en'), staff);
    expect(en).toContain('Formal notice to pay');
    // Without a language asked: the household's, Dutch.
    const byDefault = await pdfAt(suite.service, `/tenancies/${tenancyId}/notices/${formal.id}/pdf`, staff);
    expect(byDefault).toContain('Ingebrekestelling tot betaling');
    expect(byDefault).toContain('Betaal € 2.250,00 uiterlijk op 28 november 2026.');
    // The owner's statement without a language asked: the owner's, French (November from the 20th: 78,000 × 11 / 30 = 28,600, less the 15,000 instalment).
    const statement = await pdfAt(suite.service, `/head-leases/${flat.headLeaseId}/statement.pdf`, bearer('landlord', { landlordId: flat.landlordId }));
    expect(statement).toContain('Relevé propriétaire');
    expect(statement).toContain('novembre 2026');
    expect(statement).toContain('136,00 €');
    expect(en).toContain('Total unpaid: €2,250.00');
    expect(en).toContain('Please pay €2,250.00 by 28 November 2026 at the latest.');
    // The reminder has no date to pay by.
    const reminder = await pdfAt(suite.service, `/tenancies/${tenancyId}/notices/${notices.items[0].id}/pdf?language=en`, staff);
    expect(reminder).toContain('Rent reminder');
    expect(reminder).toContain('as soon as you can');
    expect(reminder).not.toContain('at the latest');

    // Bad input is 400 naming the field; someone else's or no such notice is 404; a landlord may not print it (403).
    const bad = await suite.service.http.get(path('de')).set(staff).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['language']);
    await suite.service.http.get(`/tenancies/${tenancyId}/notices/${randomUUID()}/pdf`).set(staff).expect(404);
    await suite.service.http.get(`/tenancies/${randomUUID()}/notices/${formal.id}/pdf`).set(staff).expect(404);
    await suite.service.http.get(path('en')).set(bearer('landlord', { landlordId: flat.landlordId })).expect(403);
    await suite.service.http.get(`/tenancies/${tenancyId}/notices`).set(bearer('caseworker')).expect(403);
  });

  it('prints the indexation notice to each side in its language, with the formula and its inputs', async () => {
    // From 15 October 2025 at 700.00; indexed on 15 October 2026 by the health index: base September 2025 = 128.47,
    // new September 2026 = 131.02: 70,000 × 13,102 / 12,847 = 917,140,000 / 12,847 = 71,389 r 5,517 → 713.89, from 1 December.
    // The household reads French (recorded on the tenancy), the owner Dutch (registered so with landlords).
    const { flat, tenancyId, reference } = await signedTenancy('2025-10-15', { household: 'fr', owner: 'nl' });
    await suite.service.http
      .put('/index-series/health_index/values')
      .set(staff)
      .send({ values: [{ month: '2025-09', value: '128.47' }, { month: '2026-09', value: '131.02' }] })
      .expect(200);
    await eventually(async () => expect((await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200)).body.status).toBe('active'), 30_000);
    await suite.service.app.get(IndexationScheduler).sweep();
    const indexed = (await waitForEvents(Topics.leases, tenancyId, ['RentIndexed'], 30_000)).find((e) => e.type === 'RentIndexed')!;
    expect(indexed.payload).toMatchObject({ effectiveOn: '2026-12-01', newRentCents: 71_389 });
    const path = (query: string) => `/tenancies/${tenancyId}/rent-history/2026-10-15/notice?${query}`;

    // Each side's notice without a language asked: in that side's language.
    const fr = await pdfAt(suite.service, path('recipient=household'), staff);
    expect(fr).toContain('Avis d’indexation du loyer');
    expect(fr).toContain('Au ménage');
    expect(fr).toContain(`Location du ménage ${reference}`);
    expect(fr).toContain('À la date anniversaire de la location, le 15 octobre 2026');
    expect(fr).toContain('Loyer indexé = loyer de base × nouvel indice ÷ indice de base');
    expect(fr).toContain('Loyer de base (au début de la location) : 700,00 €');
    expect(fr).toContain('Indice de base (health_index, septembre 2025) : 128,47');
    expect(fr).toContain('Nouvel indice (health_index, septembre 2026) : 131,02');
    expect(fr).toContain('700,00 € × 131,02 ÷ 128,47 = 713,89 €');
    expect(fr).toContain('Nouveau loyer à partir du 1 décembre 2026 : 713,89 € par mois');
    expect(fr).toContain('Payez le nouveau montant');

    const nl = await pdfAt(suite.service, path('recipient=owner'), staff);
    expect(nl).toContain('Kennisgeving van de huurindexering');
    expect(nl).toContain('Aan de eigenaar');
    expect(nl).toContain('Nieuw indexcijfer (health_index, september 2026): 131,02');
    expect(nl).toContain('Huur tot nu: € 700,00 per maand');
    expect(nl).toContain('Nieuwe huur vanaf 1 december 2026: € 713,89 per maand');
    expect(nl).toContain('De gewaarborgde huur van uw overeenkomst verandert niet');

    // The flat's owner always gets the owner's notice, here in the language asked; another landlord gets 404.
    const owner = await pdfAt(suite.service, path('recipient=household&language=en'), bearer('landlord', { landlordId: flat.landlordId }));
    expect(owner).toContain('Rent indexation notice');
    expect(owner).toContain('To the owner');
    expect(owner).toContain('New rent from 1 December 2026: €713.89 a month');
    expect(owner).not.toContain('To the household');
    await suite.service.http.get(path('language=en')).set(bearer('landlord')).expect(404);

    const bad = await suite.service.http.get(`/tenancies/${tenancyId}/rent-history/2026-13-45/notice`).set(staff).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['anniversary']);
    const badQuery = await suite.service.http.get(path('recipient=tenant')).set(staff).expect(400);
    expect(badQuery.body.errors.map((e: { field: string }) => e.field)).toEqual(['recipient']);
    expect((await suite.service.http.get(`/tenancies/${tenancyId}/rent-history/2025-10-15/notice`).set(staff).expect(404)).body.code).toBe('INDEXATION.NOT_FOUND');
  });
});
