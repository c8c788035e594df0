import { eventually } from '@hearth/testing';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { browserSuite, openPage, signInThroughConsole } from './support';

/**
 * The caseworker's household page and alerts, and the landlord's owner statements, in Debian's
 * Chromium against the real gateway and services seeded with the demo data of `npm start` (eight
 * waitlisted households, three on the demo caseworker's caseload, each registered with the phone
 * number +32 470 11 22 33, born on 14 May 1979, needs recorded with a maximum rent of €950; the
 * demo landlord's available flat under a head lease): no mocked API.
 */
describe("the caseworker's and the landlord's own records in a real browser", () => {
  const suite = browserSuite('People screens');
  const { platform, shots, accessible, fitsThePhone } = suite;

  it('a caseworker opens a household, reads its personal data for a purpose (recorded), and records its needs after one refused field', async () => {
    const staffToken = await platform.token('staff@hearth.demo');
    const caseworkerToken = await platform.token('caseworker@hearth.demo');
    const { body: caseload } = await platform.get(caseworkerToken, '/applicants/households?limit=100');
    expect(caseload.items).toHaveLength(3);

    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await signInThroughConsole(page, platform.gatewayUrl, 'caseworker@hearth.demo');
    expect(new URL(page.url()).pathname).toBe('/caseload');
    const household = caseload.items[0];
    await page.getByRole('link', { name: household.reference }).click();
    await page.waitForURL(`**/households/${household.id}`);
    await page.getByRole('heading', { name: `Household ${household.reference}`, level: 2 }).waitFor();
    await page.locator('[data-testid=household-status]').getByText('Waitlisted').waitFor();
    await page.locator('[data-testid=assessment-score]').getByText(Math.round(household.assessmentScore).toLocaleString('en-GB'), { exact: true }).waitFor();
    await page.locator('[data-testid=needs-summary]').getByText('rent up to €950.00', { exact: false }).waitFor();

    // No personal data until a purpose is chosen; nothing read, nothing recorded.
    await expect(page.locator('[data-testid=personal-data]').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Show personal data' }).isDisabled()).resolves.toBe(true);
    const { body: logBefore } = await platform.get(staffToken, `/applicants/households/${household.id}/access-log`);
    expect(logBefore.total).toBe(0);
    await accessible(page, 'caseworker: household');

    await page.getByLabel('Purpose').selectOption('support_planning');
    await page.getByRole('button', { name: 'Show personal data' }).click();
    const personal = page.locator('[data-testid=personal-data]');
    await personal.getByText('+32 470 11 22 33').waitFor();
    await personal.getByText('14 May 1979').waitFor();
    await personal.getByText('Read for: Support planning (recorded)').waitFor();
    const { body: logAfter } = await platform.get(staffToken, `/applicants/households/${household.id}/access-log`);
    expect(logAfter.items).toHaveLength(1);
    expect(logAfter.items[0]).toMatchObject({ actorRole: 'caseworker', purpose: 'support_planning', access: 'personal_data' });
    await accessible(page, 'caseworker: household with personal data');

    // A maximum rent above what the API accepts: refused next to the field, nothing written.
    const maxRent = page.locator('input[name=maxRent]');
    await maxRent.fill('250000');
    await page.getByRole('button', { name: 'Record the needs' }).click();
    await page.getByText('Some fields need correcting').waitFor();
    await page.getByText('must be at most 100000').waitFor();
    await expect(maxRent.getAttribute('aria-invalid')).resolves.toBe('true');
    const { body: unchanged } = await platform.get(caseworkerToken, `/applicants/households/${household.id}`);
    expect(Number(unchanged.needs.maxRent)).toBe(950);
    expect(unchanged.version).toBe(household.version);
    await accessible(page, 'caseworker: household, needs refused');

    await maxRent.fill('875');
    await page.locator('input[name=maxRentReason]').fill('Agreed with the household after the budget review');
    await page.getByRole('button', { name: 'Record the needs' }).click();
    await page.locator('[data-testid=needs-saved]').waitFor();
    await page.locator('[data-testid=needs-summary]').getByText('rent up to €875.00', { exact: false }).waitFor();
    const { body: changed } = await platform.get(caseworkerToken, `/applicants/households/${household.id}`);
    expect(Number(changed.needs.maxRent)).toBe(875);
    expect(changed.needs.maxRentBasis).toBe('set');
    expect(changed.needs.preferredDistricts).toEqual(household.needs.preferredDistricts);
    expect(changed.needs.wheelchair).toBe(household.needs.wheelchair);
    // The saved needs refreshed the page, not the personal data: one read asked for, one line in the access log.
    expect((await platform.get(staffToken, `/applicants/households/${household.id}/access-log`)).body.total).toBe(1);
    await page.screenshot({ path: join(shots, 'caseworker-household-en.png'), fullPage: true });

    // The same page in French and Dutch.
    await page.locator('[data-testid=language]').selectOption('fr');
    await page.getByRole('heading', { name: `Ménage ${household.reference}`, level: 2 }).waitFor();
    await page.screenshot({ path: join(shots, 'caseworker-household-fr.png'), fullPage: true });
    await page.locator('[data-testid=language]').selectOption('nl');
    await page.getByRole('heading', { name: `Huishouden ${household.reference}`, level: 2 }).waitFor();
    await page.screenshot({ path: join(shots, 'caseworker-household-nl.png'), fullPage: true });
    await page.locator('[data-testid=language]').selectOption('en');

    // No tenancy of the caseload is at risk in the demo data: the alerts' empty state.
    await page.getByRole('link', { name: 'My alerts' }).click();
    await page.waitForURL('**/alerts');
    await page.locator('[data-testid=empty]').waitFor();
    const { body: alerts } = await platform.get(caseworkerToken, '/mediation/alerts');
    expect(alerts).toEqual([]);
    await accessible(page, 'caseworker: alerts (empty)');
    // The caseworker follows the live stream (the gateway sends them only their caseload's offers).
    await page.locator('[data-testid=live]').getByText('Live updates on').waitFor();

    // On a phone: the household page fits the screen.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${platform.gatewayUrl}/households/${household.id}`);
    await page.locator('[data-testid=needs-summary]').waitFor();
    await fitsThePhone(page);
    await page.screenshot({ path: join(shots, 'caseworker-household-phone-en.png'), fullPage: true });
    await accessible(page, 'caseworker: household (phone)');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a landlord sees the guaranteed payments of their own head leases and downloads a statement as a PDF', async () => {
    const landlordToken = await platform.token('landlord@hearth.demo');
    const { body: own } = await eventually(async () => {
      const answer = await platform.get(landlordToken, '/leases/head-leases?limit=100');
      expect(answer.body.total).toBeGreaterThan(0);
      return answer;
    }, 60_000, 500);
    expect(own.items.every((lease: { landlordId: string }) => lease.landlordId === platform.records!.landlordId)).toBe(true);

    const context = await suite.browser.newContext({ viewport: { width: 375, height: 800 }, acceptDownloads: true });
    const { page, problems } = await openPage(context);
    await signInThroughConsole(page, platform.gatewayUrl, 'landlord@hearth.demo');

    // Live: the landlord's flat is reserved when staff's offer is accepted, and their list shows it without a reload.
    expect(new URL(page.url()).pathname).toBe('/my-flats');
    const { body: available } = await platform.get(landlordToken, '/units/units?status=available');
    const flat = available.items[0];
    const row = page.locator('[data-testid=units] tbody tr').filter({ hasText: flat.address });
    await row.getByText('Available').waitFor();
    await page.locator('[data-testid=live]').waitFor({ state: 'attached' });
    const staffToken = await platform.token('staff@hearth.demo');
    const { body: shortlist } = await eventually(async () => {
      const answer = await platform.get(staffToken, `/matching/units/${flat.id}/shortlist`);
      expect(answer.body.entries?.length).toBeGreaterThan(0);
      return answer;
    }, 60_000, 500);
    const staffPost = async (path: string, body: unknown) => {
      const response = await fetch(`${platform.gatewayUrl}/api/matching${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` }, body: JSON.stringify(body) });
      expect(response.ok).toBe(true);
      return (await response.json()) as { id: string; version: number };
    };
    const proposed = await staffPost('/offers', { unitId: flat.id, householdId: shortlist.entries[0].householdId });
    const made = await staffPost(`/offers/${proposed.id}/make`, { expectedVersion: proposed.version });
    await staffPost(`/offers/${made.id}/accept`, { expectedVersion: made.version });
    await row.getByText('Reserved').waitFor({ timeout: 60_000 });
    expect((await platform.get(landlordToken, `/units/units/${flat.id}`)).body.status).toBe('reserved');

    await page.goto(`${platform.gatewayUrl}/owner-statements`);
    await page.getByRole('heading', { name: 'Owner statements', level: 2 }).waitFor();
    const cards = page.locator('[data-testid=head-lease]');
    await cards.nth(own.total - 1).waitFor();
    await expect(cards.count()).resolves.toBe(own.total);
    const first = own.items[0];
    const euros = `€${(first.guaranteedRentCents / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`;
    await cards.first().getByText(euros).first().waitFor();
    await fitsThePhone(page);
    await accessible(page, 'landlord: owner statements');

    const [download] = await Promise.all([page.waitForEvent('download'), cards.first().getByRole('button', { name: 'Download the statement (PDF)' }).click()]);
    const saved = join(shots, 'landlord-owner-statement.pdf');
    await download.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.screenshot({ path: join(shots, 'landlord-owner-statements-en.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a landlord sees only their own guarantee claims, with where each stands and the amounts in their language', async () => {
    const staffToken = await platform.token('staff@hearth.demo');
    const landlordId = platform.records!.landlordId;
    const staffPost = async (path: string, body: unknown = {}) => {
      const response = await fetch(`${platform.gatewayUrl}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` }, body: JSON.stringify(body) });
      const text = await response.text();
      if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${text}`);
      return JSON.parse(text) as { id: string; version: number };
    };
    // Another owner's flat under a head lease (legal costs covered) is let too, so that owner has a claim of their own.
    const { body: headLeases } = await platform.get(staffToken, '/leases/head-leases?limit=100');
    const { body: available } = await platform.get(staffToken, '/units/units?status=available');
    const otherLease = headLeases.items.find((h: { landlordId: string; scheme: string; unitId: string }) => h.landlordId !== landlordId && h.scheme === 'head_lease' && available.items.some((u: { id: string }) => u.id === h.unitId));
    expect(otherLease).toBeDefined();
    const { body: shortlist } = await eventually(async () => {
      const answer = await platform.get(staffToken, `/matching/units/${otherLease.unitId}/shortlist`);
      expect(answer.body.entries?.length).toBeGreaterThan(0);
      return answer;
    }, 60_000, 500);
    const proposed = await staffPost('/matching/offers', { unitId: otherLease.unitId, householdId: shortlist.entries[0].householdId });
    const made = await staffPost(`/matching/offers/${proposed.id}/make`, { expectedVersion: proposed.version });
    await staffPost(`/matching/offers/${made.id}/accept`, { expectedVersion: made.version });
    // The demo landlord's tenancy comes from the offer accepted in the journey above.
    const tenancies = await eventually(async () => {
      const { body } = await platform.get(staffToken, '/leases/tenancies?limit=100');
      const mine = body.items.find((t: { landlordId: string }) => t.landlordId === landlordId);
      const theirs = body.items.find((t: { unitId: string }) => t.unitId === otherLease.unitId);
      expect(mine).toBeDefined();
      expect(theirs).toBeDefined();
      return { mine, theirs };
    }, 60_000, 500);

    // Legal costs of €1,234.56 on the demo landlord's tenancy, submitted and partly approved (€1,000); €777 on the other owner's.
    const claim = await staffPost(`/leases/tenancies/${tenancies.mine.id}/claims`, { kind: 'legal_costs', amount: 1234.56, description: 'Bailiff and court fees' });
    await staffPost(`/leases/claims/${claim.id}/submit`);
    await staffPost(`/leases/claims/${claim.id}/decision`, { decision: 'partly_approved', approvedAmount: 1000, reasons: ['The court fees are covered, the bailiff’s travel is not'] });
    await staffPost(`/leases/tenancies/${tenancies.theirs.id}/claims`, { kind: 'legal_costs', amount: 777, description: 'Court fees' });

    const context = await suite.browser.newContext({ viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
    const { page, problems } = await openPage(context);
    await signInThroughConsole(page, platform.gatewayUrl, 'landlord@hearth.demo');
    await page.getByRole('button', { name: 'Open the menu' }).click();
    await page.getByRole('link', { name: 'Claims' }).click();
    await page.waitForURL('**/claims');
    await page.getByRole('heading', { name: 'Guarantee claims', level: 2 }).waitFor();
    const rows = page.locator('[data-testid=claims] tbody tr');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(1);
    const row = rows.first();
    await row.getByText('Legal costs').waitFor();
    await row.getByText('Partly approved').waitFor();
    await row.getByText('The court fees are covered, the bailiff’s travel is not').waitFor();
    // Amounts worked out by hand for each locale (spaces compared as plain spaces: the locales use no-break ones).
    const amounts = async () => [await row.locator('[data-testid=claimed]').textContent(), await row.locator('[data-testid=approved]').textContent()].map((text) => (text ?? '').replace(/\s/g, ' '));
    await expect(amounts()).resolves.toEqual(['€1,234.56', '€1,000.00']);
    await fitsThePhone(page);
    await page.screenshot({ path: join(shots, 'landlord-claims-phone-en.png'), fullPage: true });
    await accessible(page, 'landlord: claims');

    await page.locator('[data-testid=language]').selectOption('fr');
    await page.getByRole('heading', { name: 'Appels à la garantie', level: 2 }).waitFor();
    await row.getByText('Accordé en partie').waitFor();
    await expect(amounts()).resolves.toEqual(['1 234,56 €', '1 000,00 €']);
    await page.screenshot({ path: join(shots, 'landlord-claims-phone-fr.png'), fullPage: true });
    await page.locator('[data-testid=language]').selectOption('nl');
    await page.getByRole('heading', { name: 'Aanspraken op de waarborg', level: 2 }).waitFor();
    await row.getByText('Deels toegekend').waitFor();
    await expect(amounts()).resolves.toEqual(['€ 1.234,56', '€ 1.000,00']);
    await page.screenshot({ path: join(shots, 'landlord-claims-phone-nl.png'), fullPage: true });
    await page.locator('[data-testid=language]').selectOption('en');

    // Filtered to the paid ones: none, the empty state (and the filter kept in the address).
    await page.getByLabel('Status').selectOption('paid');
    await page.waitForURL((url) => url.searchParams.get('status') === 'paid');
    await page.locator('[data-testid=empty]').waitFor();
    // The API answers the landlord with their own claim only, the other owner's left out.
    const { body: own } = await platform.get(await platform.token('landlord@hearth.demo'), '/leases/claims');
    expect(own.items.map((c: { id: string }) => c.id)).toEqual([claim.id]);
    expect(problems).toEqual([]);
    await context.close();
  });

  /** Today and the first day of a month before it, as the agency's calendar (Brussels) has them: YYYY-MM-DD. */
  function brusselsToday(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  }
  function firstOfMonthBefore(day: string, months: number): string {
    const [year, month] = day.split('-').map(Number);
    const index = year * 12 + (month - 1) - months;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
  }
  function plusMonths(day: string, months: number): string {
    const [year, month, date] = day.split('-').map(Number);
    const index = year * 12 + (month - 1) + months;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
  }
  /** A YYYY-MM-DD date as each language writes it (medium style, like the console). */
  const dateIn = (day: string, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  const plainSpaces = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

  it("a caseworker follows the balance and payment plan of their household's tenancy, reached from the household's page", async () => {
    const staffToken = await platform.token('staff@hearth.demo');
    const caseworkerToken = await platform.token('caseworker@hearth.demo');
    const staffCall = async (method: string, path: string, body: unknown = {}) => {
      const response = await fetch(`${platform.gatewayUrl}/api${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` }, body: JSON.stringify(body) });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return JSON.parse(text) as { id: string; version: number };
    };
    // The third owner's flat (a management mandate) is still available: let it to a household of the caseload still waiting.
    const { body: mandates } = await platform.get(staffToken, '/leases/head-leases?limit=100');
    const mandate = mandates.items.find((h: { scheme: string }) => h.scheme === 'management_mandate');
    expect(mandate).toBeDefined();
    const { body: caseload } = await platform.get(caseworkerToken, '/applicants/households?limit=100');
    const waiting = new Map<string, string>(caseload.items.filter((h: { status: string }) => h.status === 'waitlisted').map((h: { id: string; reference: string }) => [h.id, h.reference]));
    const entry = await eventually(async () => {
      const { body } = await platform.get(staffToken, `/matching/units/${mandate.unitId}/shortlist`);
      const found = body.entries?.find((e: { householdId: string }) => waiting.has(e.householdId));
      expect(found).toBeDefined();
      return found as { householdId: string };
    }, 60_000, 500);
    const householdId = entry.householdId;
    const reference = waiting.get(householdId)!;
    // Not necessarily first on the shortlist: staff say why.
    const proposed = await staffCall('POST', '/matching/offers', { unitId: mandate.unitId, householdId, justification: 'The caseworker asked for this flat, near the school of the household’s child.' });
    const made = await staffCall('POST', `/matching/offers/${proposed.id}/make`, { expectedVersion: proposed.version });
    await staffCall('POST', `/matching/offers/${made.id}/accept`, { expectedVersion: made.version });
    const tenancy = await eventually(async () => {
      const { body } = await platform.get(staffToken, `/leases/tenancies?householdId=${householdId}`);
      expect(body.items).toHaveLength(1);
      return body.items[0] as { id: string; reference: string };
    }, 60_000, 500);
    // €700 rent + €50 charges from the first of the month two months ago, nothing paid: three whole months, 3 × €750 = €2,250 owed.
    const today = brusselsToday();
    await staffCall('PUT', `/leases/tenancies/${tenancy.id}/terms`, { rent: 700, serviceCharges: 50, deposit: { kind: 'none', amount: 0 }, startDate: firstOfMonthBefore(today, 2), endDate: null });
    await staffCall('POST', `/leases/tenancies/${tenancy.id}/sign`);
    await eventually(async () => expect((await platform.get(staffToken, `/leases/tenancies/${tenancy.id}`)).body.balanceCents).toBe(225_000), 60_000, 500);
    // Three instalments of €750 from today; then staff record €1,000 received today. Nothing charged
    // since the plan was agreed, so leases counts it all towards the plan: the first instalment paid,
    // €250 of the second covered, nothing of the third; €2,250 − €1,000 = €1,250 still owed.
    await staffCall('POST', `/leases/tenancies/${tenancy.id}/payment-plans`, { instalments: 3, firstDueDate: today });
    await staffCall('POST', `/leases/tenancies/${tenancy.id}/payments`, { amount: 1000, receivedOn: today });
    const { body: seen } = await eventually(
      () => platform.get(caseworkerToken, `/leases/tenancies/${tenancy.id}`).then((answer) => (expect(answer.status).toBe(200), expect(answer.body.balanceCents).toBe(125_000), answer)),
      30_000,
      500,
    );
    // Leases says where each instalment stands (decision 0071); the page shows it as given.
    expect(seen.paymentPlan.instalments.map((i: { state: string; coveredCents: number }) => [i.state, i.coveredCents])).toEqual([
      ['paid', 75_000],
      ['due', 25_000],
      ['due', 0],
    ]);
    // The ledger's lines stay with staff (decision 0027): the caseworker's page shows none.
    expect((await platform.get(caseworkerToken, `/leases/tenancies/${tenancy.id}/ledger`)).status).toBe(403);
    const ageing: Record<string, string> = { none: 'None', '0_30': 'Up to 30 days', '31_60': '31 to 60 days', '61_90': '61 to 90 days', '90_plus': 'Over 90 days' };

    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await signInThroughConsole(page, platform.gatewayUrl, 'caseworker@hearth.demo');
    await page.getByRole('link', { name: reference }).click();
    await page.waitForURL(`**/households/${householdId}`);
    await page.locator('[data-testid=household-tenancies]').getByRole('link', { name: `Tenancy ${tenancy.reference}` }).click();
    await page.waitForURL(`**/caseload/tenancies/${tenancy.id}`);
    await page.getByRole('heading', { name: `Tenancy ${tenancy.reference}: balance and payment plan`, level: 2 }).waitFor();
    await page.locator('[data-testid=balance-summary]').getByText('The household owes €1,250.00.').waitFor();
    await expect(page.locator('[data-testid=balance]').textContent()).resolves.toBe('€1,250.00');
    await expect(page.locator('[data-testid=ageing]').textContent()).resolves.toBe(ageing[seen.arrears.ageing]);
    await page.locator('[data-testid=plan-status]').getByText('In force').waitFor();
    const rows = page.locator('[data-testid=plan-instalments] tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    const instalments = async () => (await rows.allTextContents()).map(plainSpaces);
    const due = [today, plusMonths(today, 1), plusMonths(today, 2)];
    // The first paid (due today, covered), €250.00 of the second covered, the third not yet.
    const states = {
      en: ['Paid', 'Due€250.00 covered so far', 'Due'],
      fr: ['Payée', 'À payer250,00 € déjà couverts', 'À payer'],
      nl: ['Betaald', 'Te betalen€ 250,00 al gedekt', 'Te betalen'],
    };
    await expect(instalments()).resolves.toEqual(due.map((day, i) => `${i + 1}${dateIn(day, 'en-GB')}€750.00${states.en[i]}`));
    await page.getByText('The agency counts what the household paid since the plan was agreed towards the rent first').waitFor();
    await page.getByText("The ledger's charges and payments are kept by the agency's staff").waitFor();
    await page.getByRole('heading', { name: 'What the household pays', level: 3 }).waitFor();
    await page.screenshot({ path: join(shots, 'caseworker-tenancy-en.png'), fullPage: true });
    await accessible(page, 'caseworker: tenancy balance and payment plan');

    await page.locator('[data-testid=language]').selectOption('fr');
    await page.locator('[data-testid=balance-summary]').getByText('Le ménage doit', { exact: false }).waitFor();
    await expect(page.locator('[data-testid=balance-summary]').textContent().then(plainSpaces)).resolves.toBe('Le ménage doit 1 250,00 €.');
    await expect(instalments()).resolves.toEqual(due.map((day, i) => `${i + 1}${dateIn(day, 'fr-BE')}750,00 €${states.fr[i]}`));
    await page.screenshot({ path: join(shots, 'caseworker-tenancy-fr.png'), fullPage: true });
    await page.locator('[data-testid=language]').selectOption('nl');
    await page.locator('[data-testid=balance-summary]').getByText('verschuldigd', { exact: false }).waitFor();
    await expect(page.locator('[data-testid=balance-summary]').textContent().then(plainSpaces)).resolves.toBe('Het huishouden is € 1.250,00 verschuldigd.');
    await expect(instalments()).resolves.toEqual(due.map((day, i) => `${i + 1}${dateIn(day, 'nl-BE')}€ 750,00${states.nl[i]}`));
    await page.screenshot({ path: join(shots, 'caseworker-tenancy-nl.png'), fullPage: true });
    await page.locator('[data-testid=language]').selectOption('en');

    // On a phone.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.locator('[data-testid=plan-instalments]').waitFor();
    await fitsThePhone(page);
    await page.screenshot({ path: join(shots, 'caseworker-tenancy-phone-en.png'), fullPage: true });
    await accessible(page, 'caseworker: tenancy (phone)');

    // A tenancy that is not theirs (here: none at all) is the error state, in words.
    await page.goto(`${platform.gatewayUrl}/caseload/tenancies/${randomUUID()}`);
    await page.getByRole('alert').getByText('This tenancy does not exist.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it("a landlord reads their renovation loan: lent, instalment, what is left and the schedule, read-only", async () => {
    const landlordToken = await platform.token('landlord@hearth.demo');
    const { body: own } = await platform.get(landlordToken, '/leases/head-leases?limit=100');
    // The demo agreement lends €12,000, repaid €150 a month, with the first head lease recorded under it.
    const lease = own.items.find((h: { renovationLoan: unknown }) => h.renovationLoan !== null);
    expect(lease.renovationLoan).toEqual({ principalCents: 1_200_000, monthlyRepaymentCents: 15_000 });
    const { body: statement } = await platform.get(landlordToken, `/leases/head-leases/${lease.id}/statement`);
    // What is left, worked out from the months deducted so far.
    const deducted = statement.months.reduce((sum: number, m: { loanRepaymentCents: number }) => sum + m.loanRepaymentCents, 0);
    const outstanding = (1_200_000 - deducted) / 100;
    const euros = (amount: number) => `€${amount.toLocaleString('en-GB', { minimumFractionDigits: 2 })}`;

    const context = await suite.browser.newContext({ viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
    const { page, problems } = await openPage(context);
    await signInThroughConsole(page, platform.gatewayUrl, 'landlord@hearth.demo');
    await page.goto(`${platform.gatewayUrl}/owner-statements`);
    await page.locator('[data-testid=loan-link]').first().waitFor();
    const card = page.locator('[data-testid=head-lease]').filter({ has: page.locator('[data-testid=loan-link]') });
    await expect(card.count()).resolves.toBe(own.items.filter((h: { renovationLoan: unknown }) => h.renovationLoan !== null).length);
    await card.getByRole('link', { name: 'See the renovation loan and its schedule' }).click();
    await page.waitForURL(`**/owner-statements/${lease.id}/loan`);
    await page.getByRole('heading', { name: 'Renovation loan', level: 2 }).waitFor();
    await expect(page.locator('[data-testid=loan-principal]').textContent()).resolves.toBe('€12,000.00');
    await expect(page.locator('[data-testid=loan-instalment]').textContent()).resolves.toBe('€150.00');
    await expect(page.locator('[data-testid=loan-disbursed]').textContent()).resolves.toBe(dateIn(statement.loan.disbursedOn, 'en-GB'));
    await expect(page.locator('[data-testid=loan-outstanding]').textContent()).resolves.toBe(euros(outstanding));
    const schedule = page.locator('[data-testid=loan-schedule] tbody tr');
    await expect(schedule.count()).resolves.toBe(statement.loan.schedule.length);
    // Each month of the schedule takes €150 off what is left (the last one what remains).
    const first = statement.loan.schedule[0];
    await expect(schedule.first().textContent()).resolves.toContain(euros((1_200_000 - first.deductedCents - first.repaidEarlyCents) / 100));
    // Read-only: an early repayment is the agency's to record (leases refuses it from a landlord).
    await page.getByTestId('early-repayment-help').getByText('To repay early, ask the agency').waitFor();
    await expect(page.getByRole('button', { name: /repay/i }).count()).resolves.toBe(0);
    const refused = await fetch(`${platform.gatewayUrl}/api/leases/head-leases/${lease.id}/loan/early-repayments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${landlordToken}` },
      body: JSON.stringify({ amount: 100, repaidOn: brusselsToday() }),
    });
    expect(refused.status).toBe(403);
    await fitsThePhone(page);
    await page.screenshot({ path: join(shots, 'landlord-renovation-loan-phone-en.png'), fullPage: true });
    await accessible(page, 'landlord: renovation loan');

    await page.locator('[data-testid=language]').selectOption('fr');
    await page.getByRole('heading', { name: 'Prêt de rénovation', level: 2 }).waitFor();
    await expect(page.locator('[data-testid=loan-principal]').textContent().then(plainSpaces)).resolves.toBe('12 000,00 €');
    await expect(page.locator('[data-testid=loan-disbursed]').textContent()).resolves.toBe(dateIn(statement.loan.disbursedOn, 'fr-BE'));
    await page.screenshot({ path: join(shots, 'landlord-renovation-loan-phone-fr.png'), fullPage: true });
    await page.locator('[data-testid=language]').selectOption('nl');
    await page.getByRole('heading', { name: 'Renovatielening', level: 2 }).waitFor();
    await expect(page.locator('[data-testid=loan-instalment]').textContent().then(plainSpaces)).resolves.toBe('€ 150,00');
    await page.screenshot({ path: join(shots, 'landlord-renovation-loan-phone-nl.png'), fullPage: true });
    await page.locator('[data-testid=language]').selectOption('en');
    expect(problems).toEqual([]);
    await context.close();
  });
});
