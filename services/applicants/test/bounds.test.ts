import { aConsent, anAssessment, aHouseholdRegistration, someNeeds, TestApp } from '@hearth/testing';
import { databaseSnapshot, HouseholdJourney, staff, startApplicants } from './support';

/** Amounts, counts and dates a column cannot hold, control characters, codes as typed: a 400 naming the field, nothing written, nothing published. */
describe('applicants: bounded input, codes normalised', () => {
  let service: TestApp;
  let household: { id: string; reference: string };

  beforeAll(async () => {
    ({ service } = await startApplicants());
    household = await new HouseholdJourney(service).registered();
    await service.http.post(`/households/${household.id}/consent`).set(staff).send(aConsent().build()).expect(200);
  });

  afterAll(() => service?.close());

  it.each([
    ['an income beyond any amount', someNeeds().with('rent', { basis: 'rule', monthlyIncome: 1e12, monthlyBenefits: 0 }).build(), 'rent.monthlyIncome'],
    ['a maximum rent with three decimals', someNeeds().rentSetTo(700.125).build(), 'rent.maxRent'],
    ['a district code of symbols', someNeeds().with('preferredDistricts', ['#!?']).build(), 'preferredDistricts.0'],
  ])('refuses needs with %s: 400 naming the field, nothing written', async (_case, body, field) => {
    const before = await databaseSnapshot(service.database);

    const response = await service.http.put(`/households/${household.id}/needs`).set(staff).send(body);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await databaseSnapshot(service.database)).toEqual(before);
  });

  it('refuses an assessment leaving an institution in year 0000, and a registration with a control character', async () => {
    const before = await databaseSnapshot(service.database);

    const assessment = await service.http
      .post(`/households/${household.id}/assessments`)
      .set(staff)
      .send(anAssessment().with('livingSituation', 'leaving_institution').with('leavingInstitutionOn', '0000-01-01').build());
    const registration = await service.http
      .post('/households')
      .set(staff)
      .send(aHouseholdRegistration().with('notes', 'escape \u001b[31m sequence').build());

    expect([assessment.status, registration.status]).toEqual([400, 400]);
    expect(assessment.body.errors.map((e: { field: string }) => e.field)).toEqual(['leavingInstitutionOn']);
    expect(registration.body.errors.map((e: { field: string }) => e.field)).toEqual(['notes']);
    expect(await databaseSnapshot(service.database)).toEqual(before);
  });

  it.each([
    ['a policy version beyond an int', '/priority-policies/99999999999/rescoring', 'version'],
    ['a policy version that is not a number', '/priority-policies/1e3/rescoring', 'version'],
    ['a NUL in a filter', '/waitlist?preferredDistrict=BXL%00', 'preferredDistrict'],
    ['a bedroom filter beyond an int', '/waitlist?bedrooms=2147483648', 'bedrooms'],
    ['a page beyond any list', '/households?offset=99999999999999999999', 'offset'],
  ])('refuses %s with a 400 naming the field', async (_case, url, field) => {
    const response = await service.http.get(url).set(staff);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('stores preferred and excluded districts normalised', async () => {
    const needs = someNeeds().with('preferredDistricts', [' bxl-c']).with('excludedDistricts', [{ district: 'bxl-1 ', reason: 'safety' }]).build();

    const { body } = await service.http.put(`/households/${household.id}/needs`).set(staff).send(needs).expect(200);

    expect(body.needs ?? body).toMatchObject({ preferredDistricts: ['BXL-C'], excludedDistricts: ['BXL-1'] });
  });
});
