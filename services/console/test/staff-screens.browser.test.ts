import { eventually } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeCheck, ConsolePlatform, launchChromium, openPage, screenshotFolder, signInThroughConsole } from './support';

jest.setTimeout(300_000);

/**
 * The staff screens of allocation runs, landlords and agreements, tenancies (ledger, arrears,
 * payment plan), complaints and mediation cases, and the mediator's cases, in Debian's Chromium
 * against the real gateway and services seeded with the demo data of `npm start` (three landlords
 * with signed agreements and head leases, three available flats, eight waitlisted households, a
 * neighbour's noise complaint assigned to the demo mediator): no mocked API.
 */
describe('the staff and mediator screens in a real browser', () => {
  const platform = new ConsolePlatform();
  let browser: Browser;
  let staffToken: string;
  const shots = screenshotFolder();
  const axeTotals: Record<string, number> = {};

  beforeAll(async () => {
    await Promise.all([platform.start(), launchChromium().then((b) => (browser = b))]);
    staffToken = await platform.token('staff@hearth.demo');
    // The three inspected flats become available once the inspections' events reach units and matching.
    await eventually(async () => expect((await platform.get(staffToken, '/units/units?status=available')).body.total).toBe(3), 60_000, 500);
    await eventually(async () => expect((await platform.get(staffToken, '/matching/units?status=available')).body.total).toBe(3), 60_000, 500);
    // Matching knows the waitlisted households once a shortlist has candidates.
    const { body: available } = await platform.get(staffToken, '/units/units?status=available');
    await eventually(async () => expect((await platform.get(staffToken, `/matching/units/${available.items[0].id}/shortlist`)).body.entries?.length).toBeGreaterThan(0), 60_000, 500);
    console.log(`Staff screens screenshots: ${shots}`);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform.stop();
    console.log(`Accessibility (axe-core, WCAG 2.1 A/AA), violations of any impact per page: ${JSON.stringify(axeTotals)}`);
  });

  async function accessible(page: Page, name: string): Promise<void> {
    const { serious, total } = await axeCheck(page);
    axeTotals[name] = total;
    expect(serious).toEqual([]);
  }

  /** Nothing wider than the phone's screen (the tables scroll inside their own box). */
  async function fitsThePhone(page: Page): Promise<void> {
    await expect(page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(375);
  }

  async function post(path: string, body: unknown = {}): Promise<any> {
    const response = await fetch(`${platform.gatewayUrl}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  it('staff start an allocation run, follow it to the board, and check its certificate from the census', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await signInThroughConsole(page, platform.gatewayUrl, 'staff@hearth.demo');
    await page.getByRole('link', { name: 'Allocation runs' }).click();
    await page.waitForURL('**/allocation-runs');
    // No run yet: the empty state.
    await page.locator('[data-testid=empty]').waitFor();
    await accessible(page, 'allocation runs (empty)');

    // A frontier in strict-priority mode is refused, next to the box that asked for it.
    await page.getByLabel('Mode').selectOption('priority');
    await page.getByLabel('Also compute the frontier towards strict priority').check();
    await page.getByRole('button', { name: 'Start the run' }).click();
    await page.getByText('Some fields need correcting').waitFor();
    await page.getByText('needs mode optimal').waitFor();
    await expect(page.locator('input[name=frontier]').getAttribute('aria-invalid')).resolves.toBe('true');
    const { body: none } = await platform.get(staffToken, '/matching/allocation-runs');
    expect(none.total).toBe(0);

    await page.getByLabel('Also compute the frontier towards strict priority').uncheck();
    await page.getByLabel('Mode').selectOption('optimal');
    await page.getByRole('button', { name: 'Start the run' }).click();
    await page.waitForURL(/\/allocation-runs\/[0-9a-f-]{36}$/);
    const runId = new URL(page.url()).pathname.split('/').pop()!;
    // Followed while it is solved, until it waits for the board.
    await page.locator('[data-testid=run-status]').getByText('Awaiting approval').waitFor({ timeout: 90_000 });
    await page.locator('[data-testid=approval]').getByText("Awaiting the board's approval.").waitFor();
    const { body: run } = await platform.get(staffToken, `/matching/allocation-runs/${runId}`);
    expect(run.status).toBe('awaiting_approval');
    expect(run.proposals.length).toBeGreaterThan(0);
    const proposals = page.locator('[data-testid=proposals] tbody tr');
    await proposals.nth(run.proposals.length - 1).waitFor();
    await expect(proposals.count()).resolves.toBe(run.proposals.length);
    for (const proposal of run.proposals) await proposals.filter({ hasText: proposal.reference }).first().waitFor();

    // The census is stored; its certificate is checked again on request.
    await page.getByText('Stored with the census').waitFor();
    await page.getByRole('button', { name: 'Check the certificate' }).click();
    await page.locator('[data-testid=verification]').getByText('The check holds').waitFor();
    await page.screenshot({ path: join(shots, 'staff-allocation-run-en.png'), fullPage: true });
    await accessible(page, 'allocation run');

    await page.goto(`${platform.gatewayUrl}/allocation-runs`);
    await page.locator('[data-testid=runs] tbody tr').first().getByText('Awaiting approval').waitFor();
    await expect(page.locator('[data-testid=runs] tbody tr').count()).resolves.toBe(1);
    await page.screenshot({ path: join(shots, 'staff-allocation-runs-en.png'), fullPage: true });
    await accessible(page, 'allocation runs');

    // The same list in French and Dutch.
    await page.locator('[data-testid=language]').selectOption('fr');
    await page.getByRole('heading', { name: 'Attributions groupées', level: 2 }).waitFor();
    await page.locator('[data-testid=runs]').getByText("En attente d'approbation").waitFor();
    await page.screenshot({ path: join(shots, 'staff-allocation-runs-fr.png'), fullPage: true });
    await page.locator('[data-testid=language]').selectOption('nl');
    await page.getByRole('heading', { name: 'Toewijzingsrondes', level: 2 }).waitFor();
    await page.locator('[data-testid=runs]').getByText('Wacht op goedkeuring').waitFor();
    await page.screenshot({ path: join(shots, 'staff-allocation-runs-nl.png'), fullPage: true });
    await page.locator('[data-testid=language]').selectOption('en');

    // A run that does not exist: the error state, in words.
    await page.goto(`${platform.gatewayUrl}/allocation-runs/${randomUUID()}`);
    await page.getByRole('alert').getByText('This allocation run does not exist.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('staff see the landlords, a landlord’s agreements and head leases, and draft an agreement after being told what is missing', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await signInThroughConsole(page, platform.gatewayUrl, 'staff@hearth.demo');
    await page.getByRole('link', { name: 'Landlords' }).click();
    const rows = page.locator('[data-testid=landlords] tbody tr');
    await rows.nth(2).waitFor();
    await expect(rows.count()).resolves.toBe(3);
    for (const name of ['Ann Peeters', 'Woningbeheer Delta NV', 'Youssef El Amrani']) await rows.filter({ hasText: name }).getByText('Active').waitFor();
    await accessible(page, 'landlords');

    await page.getByRole('link', { name: 'Ann Peeters' }).click();
    await page.waitForURL(`**/landlords/${platform.records!.landlordId}`);
    const agreements = page.locator('[data-testid=agreements] tbody tr');
    await agreements.first().waitFor();
    await expect(agreements.count()).resolves.toBe(1);
    await agreements.first().getByText('Signed').waitFor();
    await agreements.first().getByText('Head lease').waitFor();
    const { body: headLeases } = await platform.get(staffToken, `/leases/head-leases?landlordId=${platform.records!.landlordId}`);
    expect(headLeases.total).toBeGreaterThan(0);
    await expect(page.locator('[data-testid=head-leases] tbody tr').count()).resolves.toBe(headLeases.total);

    // Nothing filled in: the refusal goes next to the fields at fault, and nothing is written.
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByText('Some fields need correcting').waitFor();
    await expect(page.locator('input[name=startDate]').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('input[name=guaranteedMonthlyRent]').getAttribute('aria-invalid')).resolves.toBe('true');
    const { body: before } = await platform.get(staffToken, `/landlords/landlords/${platform.records!.landlordId}/agreements`);
    expect(before.items).toHaveLength(1);

    await page.locator('input[name=startDate]').fill('2027-01-01');
    await page.locator('input[name=endDate]').fill('2035-12-31');
    await page.locator('input[name=guaranteedMonthlyRent]').fill('850');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.locator('[data-testid=drafted]').waitFor();
    await agreements.nth(1).waitFor();
    await agreements.filter({ hasText: 'Draft' }).getByRole('button', { name: 'Sign' }).waitFor();
    const { body: after } = await platform.get(staffToken, `/landlords/landlords/${platform.records!.landlordId}/agreements`);
    expect(after.items.find((a: { status: string }) => a.status === 'draft')).toMatchObject({ scheme: 'head_lease', startDate: '2027-01-01', endDate: '2035-12-31' });
    await page.screenshot({ path: join(shots, 'staff-landlord-en.png'), fullPage: true });
    await accessible(page, 'landlord');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('staff see tenancies, a tenancy’s ledger and arrears, and are told why no payment plan can be agreed', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await signInThroughConsole(page, platform.gatewayUrl, 'staff@hearth.demo');
    await page.getByRole('link', { name: 'Tenancies' }).click();
    await page.waitForURL('**/tenancies');
    // No tenancy in the demo data: the empty state, under the arrears report (all zero).
    await page.locator('[data-testid=empty]').waitFor();
    await page.locator('[data-testid=arrears-ageing]').getByText('Over 90 days').waitFor();
    await accessible(page, 'tenancies (empty)');

    // An accepted offer opens a draft tenancy in leases.
    const { body: units } = await platform.get(staffToken, '/units/units?status=available');
    const unitId: string = units.items[0].id;
    const { body: shortlist } = await eventually(async () => {
      const answer = await platform.get(staffToken, `/matching/units/${unitId}/shortlist`);
      expect(answer.status).toBe(200);
      return answer;
    }, 60_000, 500);
    const proposed = await post('/matching/offers', { unitId, householdId: shortlist.entries[0].householdId });
    const made = await post(`/matching/offers/${proposed.id}/make`, { expectedVersion: proposed.version });
    await post(`/matching/offers/${made.id}/accept`, { expectedVersion: made.version });
    const tenancy = await eventually(async () => {
      const { body } = await platform.get(staffToken, '/leases/tenancies');
      expect(body.items).toHaveLength(1);
      return body.items[0];
    }, 60_000, 500);

    await page.reload();
    const rows = page.locator('[data-testid=tenancies] tbody tr');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(1);
    await rows.first().getByText('Draft').waitFor();
    await accessible(page, 'tenancies');
    await rows.first().getByRole('link', { name: tenancy.reference }).click();
    await page.waitForURL(`**/tenancies/${tenancy.id}`);
    await page.locator('[data-testid=tenancy-status]').getByText('Draft').waitFor();
    await page.getByText('Nothing charged or paid yet.').waitFor();
    await expect(page.locator('[data-testid=ledger-balance]').textContent()).resolves.toMatch(/0[.,]00/);

    // No first due date: refused next to the field; then a plan for a household that owes nothing: refused in words.
    await page.getByRole('button', { name: 'Agree the plan' }).click();
    await page.getByText('Some fields need correcting').waitFor();
    await expect(page.locator('input[name=firstDueDate]').getAttribute('aria-invalid')).resolves.toBe('true');
    const nextMonth = new Date(Date.now() + 31 * 86_400_000).toISOString().slice(0, 10);
    await page.locator('input[name=firstDueDate]').fill(nextMonth);
    await page.getByRole('button', { name: 'Agree the plan' }).click();
    await page.getByRole('alert').getByText('it owes nothing more').waitFor();
    await page.getByText('No payment plan agreed.').waitFor();
    await page.screenshot({ path: join(shots, 'staff-tenancy-en.png'), fullPage: true });
    await accessible(page, 'tenancy');

    await page.goto(`${platform.gatewayUrl}/tenancies/${randomUUID()}`);
    await page.getByRole('alert').getByText('This tenancy does not exist.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('staff see the complaint with its deadline, acknowledge it and open a mediation with its mediator', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await signInThroughConsole(page, platform.gatewayUrl, 'staff@hearth.demo');
    await page.getByRole('link', { name: 'Complaints' }).click();
    const rows = page.locator('[data-testid=complaints] tbody tr');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(1);
    await rows.first().getByText('Noise').waitFor();
    await rows.first().getByText('To acknowledge').waitFor();
    await rows.first().getByText(/Acknowledge by/).waitFor();
    await accessible(page, 'complaints');
    // Overdue only: none.
    await page.getByLabel('Overdue only').check();
    await page.locator('[data-testid=empty]').waitFor();
    await page.getByLabel('Overdue only').uncheck();

    await rows.first().getByRole('link').click();
    await page.waitForURL(/\/complaints\/[0-9a-f-]{36}$/);
    const complaintId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText('Music late at night from the flat below').waitFor();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator('[data-testid=complaint-status]').getByText('To answer').waitFor();
    await accessible(page, 'complaint');

    // Mediation with the mediator who handles the complaint (their id is filled in).
    await page.getByRole('button', { name: 'Open a mediation' }).click();
    await page.waitForURL(/\/mediations\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid=mediation-status]').getByText('Open').waitFor();
    await page.getByText('No session recorded yet.').waitFor();
    const { body: complaint } = await platform.get(staffToken, `/mediation/complaints/${complaintId}`);
    expect(complaint.status).toBe('awaiting_answer');
    expect(complaint.mediationId).toBe(new URL(page.url()).pathname.split('/').pop());
    await page.screenshot({ path: join(shots, 'staff-mediation-en.png'), fullPage: true });
    await accessible(page, 'mediation (staff)');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the mediator, on a phone, finds the case, records a session, an agreement after a refusal, its follow-up, and closes it', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const { page, problems } = await openPage(context);
    await signInThroughConsole(page, platform.gatewayUrl, 'mediator@hearth.demo');
    expect(new URL(page.url()).pathname).toBe('/mediation');
    await page.getByRole('heading', { name: 'My cases', level: 2 }).waitFor();
    const rows = page.locator('[data-testid=complaints] tbody tr');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(platform.records!.mediatorComplaints);
    await fitsThePhone(page);
    await page.screenshot({ path: join(shots, 'mediator-cases-phone-en.png'), fullPage: true });
    await accessible(page, 'mediator: my cases');

    await rows.first().getByRole('link').click();
    await page.getByRole('link', { name: 'Open its mediation case' }).click();
    await page.waitForURL(/\/mediations\/[0-9a-f-]{36}$/);
    const mediationId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('button', { name: 'Save the session' }).waitFor();
    await fitsThePhone(page);
    await accessible(page, 'mediator: mediation');

    await page.getByLabel('Step').selectOption('phone_call');
    await page.getByLabel('Result').first().selectOption('partly_resolved');
    await page.locator('textarea[name=notes]').first().fill('Both parties reached by phone; quiet hours agreed in principle.');
    await page.getByRole('button', { name: 'Save the session' }).click();
    const sessions = page.locator('[data-testid=sessions] tbody tr');
    await sessions.first().waitFor();
    await sessions.first().getByText('Phone call').waitFor();
    await sessions.first().getByText('Partly resolved').waitFor();

    // An agreement without its commitment's words: refused next to the field.
    await page.getByRole('button', { name: 'Save the agreement' }).click();
    await page.getByText('Some fields need correcting').waitFor();
    await expect(page.getByRole('textbox', { name: 'Commitment 1', exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByRole('textbox', { name: 'Commitment 1', exact: true }).fill('No music after 22:00 on weekdays.');
    await page.getByRole('button', { name: 'Add a commitment' }).click();
    await page.getByRole('textbox', { name: 'Commitment 2', exact: true }).fill('Knock on the door before calling the agency.');
    await page.getByRole('button', { name: 'Save the agreement' }).click();
    await page.locator('[data-testid=mediation-status]').getByText('Agreement reached').waitFor();
    await page.locator('[data-testid=commitments]').getByText('No music after 22:00 on weekdays.').waitFor();

    await page.getByLabel('Were the commitments kept?').selectOption('kept');
    await page.getByRole('button', { name: 'Save the follow-up' }).click();
    await page.getByText('Kept', { exact: true }).waitFor();
    await fitsThePhone(page);
    await page.screenshot({ path: join(shots, 'mediator-mediation-phone-en.png'), fullPage: true });
    await accessible(page, 'mediator: agreement followed up');

    await page.getByLabel('Outcome').selectOption('dialogue_restored');
    await page.getByRole('button', { name: 'Close the case' }).click();
    await page.locator('[data-testid=mediation-status]').getByText('Closed').waitFor();

    const mediatorToken = await platform.token('mediator@hearth.demo');
    const { body: mediation } = await platform.get(mediatorToken, `/mediation/mediations/${mediationId}`);
    expect(mediation).toMatchObject({ status: 'closed', outcome: 'dialogue_restored', currentStep: 'phone_call' });
    expect(mediation.sessions).toMatchObject([{ step: 'phone_call', result: 'partly_resolved', attendees: 2 }]);
    expect(mediation.agreement).toMatchObject({ followUpResult: 'kept', commitments: [{ party: 'household', commitment: 'No music after 22:00 on weekdays.' }, { party: 'neighbour', commitment: 'Knock on the door before calling the agency.' }] });
    expect(problems).toEqual([]);
    await context.close();
  });
});
