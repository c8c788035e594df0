import { Topics } from '@hearth/contracts';
import { bearer, eventually, HouseholdWaitlistStream } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { acceptedOffer, flatInScheme, FlatInScheme, leasesSuite, pdfAt, staff, TODAY } from './support';

/**
 * The tenancy contract summary and the rent statement as PDFs in the household's language (the
 * tenancy's documentLanguage, or `?language=`), read back as text, on real PostgreSQL, Redis and
 * the test broker. "Today" is 20 November 2026. Amounts worked out by hand in the comments.
 */
describe('tenancy contract summary and rent statement as PDFs', () => {
  const suite = leasesSuite();
  const caseworkerId = `caseworker-${randomUUID()}`;
  const caseworker = bearer('caseworker', { sub: caseworkerId });

  /** Tenancy A: a head lease (the agency sublets), French, 700.00 + 50.00 from 1 September 2026 to 31 August 2027, 100.00 benefit paid directly, a 1,500.00 deposit guarantee. */
  let flatA: FlatInScheme;
  let tenancyA: { id: string; reference: string; paymentReference: string };
  /** Tenancy B: a direct let (the owner is the landlord), Dutch, 650.00 + 40.00 from 1 December 2026, open-ended, a 1,300.00 deposit paid. */
  let flatB: FlatInScheme;
  let tenancyB: { id: string; reference: string; paymentReference: string };

  beforeAll(async () => {
    // A's household is on the caseworker's caseload.
    const household = new HouseholdWaitlistStream().with('caseworkerId', caseworkerId);
    await suite.producer.send(Topics.applicants, household.householdId, household.waitlisted());

    flatA = await flatInScheme(suite.service, suite.producer);
    const a = (await acceptedOffer(suite.service, suite.producer, flatA.unitId, { householdId: household.householdId, reference: household.reference })).tenancy;
    await suite.service.http
      .put(`/tenancies/${a.id}/terms`)
      .set(staff)
      .send({ rent: 700, serviceCharges: 50, benefitPaidDirectly: 100, deposit: { kind: 'guarantee', amount: 1500 }, startDate: '2026-09-01', endDate: '2027-08-31', documentLanguage: 'fr' })
      .expect(200);
    await suite.service.http.post(`/tenancies/${a.id}/sign`).set(staff).send({ signedOn: '2026-08-20' }).expect(200);
    // September, October and November charged on the 1st (75,000 each), the benefit paid the same day (10,000 each):
    // 3 × 75,000 − 3 × 10,000 = 195,000 owed.
    await eventually(async () => expect((await suite.service.http.get(`/tenancies/${a.id}`).set(staff).expect(200)).body.balanceCents).toBe(195_000), 30_000);
    // The household pays 600.00 on 10 September and 300.00 on 15 October: 195,000 − 60,000 − 30,000 = 105,000 owed.
    await suite.service.http.post(`/tenancies/${a.id}/payments`).set(staff).send({ amount: 600, receivedOn: '2026-09-10' }).expect(201);
    await suite.service.http.post(`/tenancies/${a.id}/payments`).set(staff).send({ amount: 300, receivedOn: '2026-10-15' }).expect(201);
    // A plan for the 105,000 in three instalments of 35,000 from today: 20 November, 20 December, 20 January.
    await suite.service.http.post(`/tenancies/${a.id}/payment-plans`).set(staff).send({ instalments: 3, firstDueDate: TODAY }).expect(201);
    const { body: viewA } = await suite.service.http.get(`/tenancies/${a.id}`).set(staff).expect(200);
    expect(viewA).toMatchObject({ balanceCents: 105_000, legalLandlord: 'agency', householdShareCents: 65_000 });
    tenancyA = { id: a.id, reference: a.reference, paymentReference: viewA.paymentReference };

    flatB = await flatInScheme(suite.service, suite.producer, { scheme: 'direct_let' });
    const b = (await acceptedOffer(suite.service, suite.producer, flatB.unitId)).tenancy;
    await suite.service.http
      .put(`/tenancies/${b.id}/terms`)
      .set(staff)
      .send({ rent: 650, serviceCharges: 40, deposit: { kind: 'deposit', amount: 1300 }, startDate: '2026-12-01', endDate: null, documentLanguage: 'nl' })
      .expect(200);
    await suite.service.http.post(`/tenancies/${b.id}/sign`).set(staff).send({}).expect(200);
    const { body: viewB } = await suite.service.http.get(`/tenancies/${b.id}`).set(staff).expect(200);
    expect(viewB).toMatchObject({ status: 'signed', legalLandlord: 'owner' });
    tenancyB = { id: b.id, reference: b.reference, paymentReference: viewB.paymentReference };
  }, 180_000);

  describe('the contract summary', () => {
    it('prints tenancy A in French, the household’s language: the agency as landlord, dates, rent, charges, who pays what, the guarantee, the reference', async () => {
      const fr = await pdfAt(suite.service, `/tenancies/${tenancyA.id}/contract-summary.pdf`, staff);
      expect(fr).toContain('Résumé du contrat de location');
      expect(fr).toContain('Imprimé le 20 novembre 2026');
      expect(fr).toContain(`Locataire : ménage ${tenancyA.reference}`);
      expect(fr).toContain('Bailleur : l’agence immobilière sociale, qui loue le logement à son propriétaire et le sous-loue');
      expect(fr).toContain('Contrat du propriétaire : Bail principal');
      expect(fr).toContain(`Logement : ${flatA.unitId}`);
      expect(fr).toContain('Début : 1 septembre 2026');
      expect(fr).toContain('Fin : 31 août 2027');
      expect(fr).toContain('Signé le 20 août 2026');
      expect(fr).toContain('État : en cours');
      expect(fr).toContain('Loyer : 700,00 €');
      expect(fr).toContain('Charges : 50,00 €');
      expect(fr).toContain('Total : 750,00 €');
      expect(fr).toContain('Allocation versée directement à l’agence : 100,00 €');
      // 700.00 + 50.00 − 100.00
      expect(fr).toContain('Part du ménage : 650,00 €');
      expect(fr).toContain('Garantie locative par un organisme garant : 1 500,00 €');
      expect(fr).toContain(`par virement avec cette communication structurée : ${tenancyA.paymentReference}`);
      expect(fr).not.toContain(flatA.landlordId);
    });

    it('prints tenancy B in Dutch, the household’s language: the owner by reference as landlord, open-ended, the deposit', async () => {
      const nl = await pdfAt(suite.service, `/tenancies/${tenancyB.id}/contract-summary.pdf`, staff);
      expect(nl).toContain('Samenvatting van het huurcontract');
      expect(nl).toContain(`Huurder: huishouden ${tenancyB.reference}`);
      expect(nl).toContain(`Verhuurder: de eigenaar (referentie ${flatB.landlordId}), vertegenwoordigd door het sociaal verhuurkantoor`);
      expect(nl).toContain('Contract van de eigenaar: Rechtstreekse verhuur');
      expect(nl).toContain('Begin: 1 december 2026');
      expect(nl).toContain('Einde: onbepaalde duur');
      expect(nl).toContain('Stand: ondertekend');
      expect(nl).toContain('Huur: € 650,00');
      expect(nl).toContain('Kosten: € 40,00');
      expect(nl).toContain('Totaal: € 690,00');
      expect(nl).toContain('Deel van het huishouden: € 690,00');
      expect(nl).toContain('Huurwaarborg betaald: € 1.300,00');
      expect(nl).toContain(`met deze gestructureerde mededeling: ${tenancyB.paymentReference}`);
    });

    it('prints the language asked with ?language=', async () => {
      const en = await pdfAt(suite.service, `/tenancies/${tenancyA.id}/contract-summary.pdf?language=en`, staff);
      expect(en).toContain('Tenancy contract summary');
      expect(en).toContain('Start: 1 September 2026');
      expect(en).toContain('End: 31 August 2027');
      expect(en).toContain('Rent: €700.00');
      expect(en).toContain('Household’s share: €650.00');
      expect(en).toContain('Deposit guarantee: €1,500.00');
      expect(en).not.toContain('Loyer');
    });
  });

  describe('the rent statement', () => {
    it('prints the last twelve months by default in French: each month, the running balance, totals that reconcile, the arrears and the plan', async () => {
      const fr = await pdfAt(suite.service, `/tenancies/${tenancyA.id}/rent-statement.pdf`, staff);
      expect(fr).toContain('Relevé de loyers');
      expect(fr).toContain(`Location du ménage ${tenancyA.reference}, logement ${flatA.unitId}`);
      expect(fr).toContain('Période : de décembre 2025 à novembre 2026');
      expect(fr).toContain('Solde au début de la période : 0,00 €');
      expect(fr).toContain('décembre 2025 | 0,00 € | 0,00 € | 0,00 €');
      // September: charged 750.00, paid 100.00 (benefit) + 600.00 = 700.00, balance 50.00.
      expect(fr).toContain('septembre 2026 | 750,00 € | 700,00 € | 50,00 €');
      // October: charged 750.00, paid 100.00 + 300.00 = 400.00, balance 50.00 + 350.00 = 400.00.
      expect(fr).toContain('octobre 2026 | 750,00 € | 400,00 € | 400,00 €');
      // November: charged 750.00, paid 100.00, balance 400.00 + 650.00 = 1,050.00.
      expect(fr).toContain('novembre 2026 | 750,00 € | 100,00 € | 1 050,00 €');
      // 3 × 750.00 = 2,250.00 charged; 700.00 + 400.00 + 100.00 = 1,200.00 paid; 0 + 2,250.00 − 1,200.00 = 1,050.00.
      expect(fr).toContain('Totaux : facturé 2 250,00 €, payé 1 200,00 €');
      expect(fr).toContain('Solde à la fin de la période : 1 050,00 €');
      expect(fr).toContain('0,00 € + 2 250,00 € - 1 200,00 € = 1 050,00 €');
      expect(fr).toContain('Impayé au 30 novembre 2026 : 1 050,00 €');
      // The plan: 105,000 in three instalments of 35,000, none paid yet, the first due today.
      expect(fr).toContain('Plan d’apurement convenu le 20 novembre 2026 : 1 050,00 € (en cours)');
      expect(fr).toContain('1 | 20 novembre 2026 | 350,00 € | à payer');
      expect(fr).toContain('2 | 20 décembre 2026 | 350,00 € | à payer');
      expect(fr).toContain('3 | 20 janvier 2027 | 350,00 € | à payer');
      expect(fr).toContain(tenancyA.paymentReference);
      // Twelve months listed, December 2025 to November 2026: nothing before September.
      for (const month of ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août']) expect(fr).toContain(`${month} 2026 | 0,00 € | 0,00 € | 0,00 €`);
      expect(fr).not.toContain('novembre 2025 |');
    });

    it('prints a period asked in the language asked: the opening balance carried, the totals reconciled', async () => {
      const en = await pdfAt(suite.service, `/tenancies/${tenancyA.id}/rent-statement.pdf?from=2026-10&to=2026-11&language=en`, staff);
      expect(en).toContain('Rent statement');
      expect(en).toContain('Period: October 2026 to November 2026');
      expect(en).toContain('Printed on 20 November 2026');
      // Before October: 750.00 charged, 700.00 paid.
      expect(en).toContain('Balance at the start of the period: €50.00');
      expect(en).toContain('October 2026 | €750.00 | €400.00 | €400.00');
      expect(en).toContain('November 2026 | €750.00 | €100.00 | €1,050.00');
      expect(en).not.toContain('September 2026 |');
      // 50.00 + 1,500.00 − 500.00 = 1,050.00
      expect(en).toContain('Totals: charged €1,500.00, paid €500.00');
      expect(en).toContain('€50.00 + €1,500.00 - €500.00 = €1,050.00');
      expect(en).toContain('Unpaid on 30 November 2026: €1,050.00');
      expect(en).toContain('1 | 20 November 2026 | €350.00 | to pay');
      expect(en).toContain(`Pay by bank transfer with this structured communication: ${tenancyA.paymentReference}`);

      // September alone, before the plan was agreed: no plan, 50.00 unpaid at its end.
      const september = await pdfAt(suite.service, `/tenancies/${tenancyA.id}/rent-statement.pdf?from=2026-09&to=2026-09&language=en`, staff);
      expect(september).toContain('September 2026 | €750.00 | €700.00 | €50.00');
      expect(september).toContain('€0.00 + €750.00 - €700.00 = €50.00');
      expect(september).toContain('Unpaid on 30 September 2026: €50.00');
      expect(september).not.toContain('Payment plan');
    });

    it('prints tenancy B in Dutch with nothing charged yet', async () => {
      const nl = await pdfAt(suite.service, `/tenancies/${tenancyB.id}/rent-statement.pdf?from=2026-11&to=2026-12`, staff);
      expect(nl).toContain('Huuroverzicht');
      expect(nl).toContain('Periode: november 2026 tot december 2026');
      expect(nl).toContain('november 2026 | € 0,00 | € 0,00 | € 0,00');
      expect(nl).toContain('Niets onbetaald op het einde van de periode.');
    });

    it('answers 400 problem+json naming the field for a bad period', async () => {
      const cases: [string, string][] = [
        ['from=2026-13', 'from'],
        ['to=2026-1', 'to'],
        ['from=november', 'from'],
        ['to=0001-01', 'to'],
        ['from=2026-11&to=2026-10', 'from'],
        // Only `from`, after the current month (the default `to`).
        ['from=2027-01', 'from'],
        // Longer than ten years.
        ['from=2016-11&to=2026-11', 'from'],
        ['language=de', 'language'],
        ['period=2026', 'period'],
      ];
      for (const [query, field] of cases) {
        const { body, headers } = await suite.service.http.get(`/tenancies/${tenancyA.id}/rent-statement.pdf?${query}`).set(staff).expect(400);
        expect(headers['content-type']).toContain('application/problem+json');
        expect(body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
      // Ten years exactly is accepted.
      await pdfAt(suite.service, `/tenancies/${tenancyA.id}/rent-statement.pdf?from=2016-12&to=2026-11&language=en`, staff);
      const { body, headers } = await suite.service.http.get(`/tenancies/${tenancyA.id}/contract-summary.pdf?language=xx`).set(staff).expect(400);
      expect(headers['content-type']).toContain('application/problem+json');
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['language']);
    });
  });

  it('is for staff: the caseworker and the landlord are refused (403), an unknown tenancy is 404', async () => {
    // The caseworker reads tenancy A (on their caseload) — the positive signal that leases heard the caseload —
    // but not these documents: the summary names the landlord and the deposit, the statement the ledger's payments.
    await eventually(() => suite.service.http.get(`/tenancies/${tenancyA.id}`).set(caseworker).expect(200), 30_000);
    for (const path of ['contract-summary.pdf', 'rent-statement.pdf']) {
      await suite.service.http.get(`/tenancies/${tenancyA.id}/${path}`).set(caseworker).expect(403);
      await suite.service.http.get(`/tenancies/${tenancyA.id}/${path}`).set(bearer('landlord', { landlordId: flatA.landlordId })).expect(403);
      await suite.service.http.get(`/tenancies/${tenancyB.id}/${path}`).set(bearer('landlord', { landlordId: flatB.landlordId })).expect(403);
      await suite.service.http.get(`/tenancies/${randomUUID()}/${path}`).set(staff).expect(404);
      await suite.service.http.get(`/tenancies/${tenancyA.id}/${path}`).expect(401);
    }
  });
});
