import { eventually } from '@hearth/testing';
import { readFileSync } from 'node:fs';
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
});
