import { eventually, pdfText } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { browserSuite, openPage, signInThroughConsole } from './support';

/**
 * The staff screens of allocation runs, landlords and agreements, tenancies (ledger, arrears,
 * payment plan), complaints and mediation cases, and the mediator's cases, in Debian's Chromium
 * against the real gateway and services seeded with the demo data of `npm start` (three landlords
 * with signed agreements and head leases, three available flats, eight waitlisted households, a
 * neighbour's noise complaint assigned to the demo mediator): no mocked API.
 */
describe('the staff and mediator screens in a real browser', () => {
  let staffToken: string;
  const suite = browserSuite('Staff screens', async (platform) => {
    staffToken = await platform.token('staff@hearth.demo');
    // The three inspected flats become available once the inspections' events reach units and matching.
    await eventually(async () => expect((await platform.get(staffToken, '/units/units?status=available')).body.total).toBe(3), 60_000, 500);
    await eventually(async () => expect((await platform.get(staffToken, '/matching/units?status=available')).body.total).toBe(3), 60_000, 500);
    // Matching knows the waitlisted households once a shortlist has candidates.
    const { body: available } = await platform.get(staffToken, '/units/units?status=available');
    await eventually(async () => expect((await platform.get(staffToken, `/matching/units/${available.items[0].id}/shortlist`)).body.entries?.length).toBeGreaterThan(0), 60_000, 500);
  });
  const { platform, shots, accessible, fitsThePhone } = suite;

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
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
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

    // The best-overall mode with its frontier: the board will choose a point of it.
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
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
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
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
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
    // The household's documents: none has a language recorded on a draft, so the agency's default (English).
    await page.getByText("Printed in the agency's default language").waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Contract summary (PDF)' }).click()]);
    expect(download.suggestedFilename()).toBe(`contract-summary-${tenancy.id}.pdf`);
    const summary = pdfText(await readFile((await download.path())!));
    expect(summary).toContain('Tenancy contract summary');
    expect(summary).toContain(`Tenant: household ${tenancy.reference}`);
    await page.screenshot({ path: join(shots, 'staff-tenancy-en.png'), fullPage: true });
    await accessible(page, 'tenancy');

    await page.goto(`${platform.gatewayUrl}/tenancies/${randomUUID()}`);
    await page.getByRole('alert').getByText('This tenancy does not exist.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('staff see the complaint with its deadline, acknowledge it and open a mediation with its mediator', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
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
    const context = await suite.browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
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

  it('the board member sees the runs awaiting approval, declines one, checks the other’s certificate and approves it: its proposals become offers, those overtaken skipped with the reason', async () => {
    // The run started in the first journey still awaits the board; staff start a second one, which the board declines.
    const { body: waiting } = await platform.get(staffToken, '/matching/allocation-runs?status=awaiting_approval');
    expect(waiting.total).toBe(1);
    const approvedRunId: string = waiting.items[0].id;
    const second = await post('/matching/allocation-runs', { mode: 'priority', units: 'all' });
    await eventually(async () => expect((await platform.get(staffToken, `/matching/allocation-runs/${second.id}`)).body.status).toBe('awaiting_approval'), 90_000, 500);

    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await signInThroughConsole(page, platform.gatewayUrl, 'board@hearth.demo');
    await page.getByRole('link', { name: 'Allocation runs' }).click();
    await page.waitForURL('**/allocation-runs');
    // The board approves runs; it does not start them.
    await expect(page.getByRole('button', { name: 'Start the run' }).count()).resolves.toBe(0);
    await page.getByLabel('Status').selectOption('awaiting_approval');
    const runs = page.locator('[data-testid=runs] tbody tr');
    await runs.nth(1).waitFor();
    await expect(runs.count()).resolves.toBe(2);
    await accessible(page, 'board: allocation runs');

    // Declined, with the board's note: no offer goes out.
    await page.goto(`${platform.gatewayUrl}/allocation-runs/${second.id}`);
    await page.locator('[data-testid=run-status]').getByText('Awaiting approval').waitFor();
    await page.getByLabel("The board's note (kept with the run)").fill('Strict priority leaves the largest family waiting; we keep the best-overall run.');
    await page.getByRole('button', { name: 'Decline the run' }).click();
    await page.locator('[data-testid=run-status]').getByText('Rejected').waitFor();
    await page.locator('[data-testid=decision-result]').getByText('Declined: no offer goes out.').waitFor();
    await page.locator('[data-testid=approval]').getByText(/^Rejected by a Board member on /).waitFor();
    await page.getByText('Note: Strict priority leaves the largest family waiting; we keep the best-overall run.').waitFor();
    await expect(page.locator('[data-testid=decide-run]').count()).resolves.toBe(0);
    const { body: declined } = await platform.get(staffToken, `/matching/allocation-runs/${second.id}`);
    expect(declined).toMatchObject({ status: 'rejected', decidedBy: { role: 'board_member' }, decisionNote: 'Strict priority leaves the largest family waiting; we keep the best-overall run.' });
    expect((await platform.get(staffToken, `/matching/offers?runId=${second.id}`)).body.total).toBe(0);

    // The other run: its proposals, its certificate checked from the census, then approved.
    const { body: before } = await platform.get(staffToken, `/matching/allocation-runs/${approvedRunId}`);
    // Naive reference: since the run, the tenancies journey let one flat to one household (an accepted offer);
    // a proposal of that flat or that household is skipped, every other one becomes a proposed offer.
    const { body: accepted } = await platform.get(staffToken, '/matching/offers?status=accepted');
    expect(accepted.total).toBe(1);
    const overtaken = (p: { unitId: string; householdId: string }) => p.unitId === accepted.items[0].unitId || p.householdId === accepted.items[0].householdId;

    await page.goto(`${platform.gatewayUrl}/allocation-runs/${approvedRunId}`);
    await page.locator('[data-testid=approval]').getByText("Awaiting the board's approval.").waitFor();
    await expect(page.locator('[data-testid=proposals] tbody tr').count()).resolves.toBe(before.proposals.length);
    await page.getByRole('button', { name: 'Check the certificate' }).click();
    await page.locator('[data-testid=verification]').getByText('The check holds').waitFor();

    // The frontier (decision 0051): each point's total score, households housed and passed over, then strict priority for comparison.
    const frontier: { point: number; totalScore: number; assigned: number; passedOver: { households: number; maxPoints: number } }[] = before.frontier.points;
    expect(frontier.length).toBeGreaterThan(0);
    const frontierRows = page.locator('[data-testid=frontier-points] tbody tr');
    await expect(frontierRows.count()).resolves.toBe(frontier.length + 1);
    const figures = (p: { totalScore: number; assigned: number; passedOver: { households: number; maxPoints: number } }) =>
      `${p.totalScore.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}${p.assigned}${
        p.passedOver.households === 0 ? 'Nobody' : `${p.passedOver.households} household(s), by up to ${p.passedOver.maxPoints.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} points`
      }`;
    await expect(frontierRows.first().textContent()).resolves.toBe(`Best overall (point 1)${figures(frontier[0])}Valid`);
    await expect(frontierRows.last().textContent()).resolves.toBe(`Strict priority order, for comparison${figures(before.frontier.strictPriority)}Cannot be approved`);
    await page.screenshot({ path: join(shots, 'board-allocation-run-awaiting-en.png'), fullPage: true });
    await accessible(page, 'board: allocation run awaiting approval');

    // The board chooses the point with the most weight on priority: its allocation (from the census) is what they may leave proposals out of.
    const chosen = frontier[frontier.length - 1].point;
    const { body: census } = await platform.get(staffToken, `/matching/allocation-runs/${approvedRunId}/census`);
    const pairs: { applicantId: string; unitId: string }[] = census.frontier.points[chosen - 1].assignments;
    await page.getByRole('radio', { name: new RegExp(`^${chosen === 1 ? 'Best overall \\(point 1\\)' : `Point ${chosen}: most weight on priority`} — `) }).check();
    const exclusions = page.locator('[data-testid=exclusions] input[type=checkbox]');
    await expect(exclusions.count()).resolves.toBe(pairs.length);
    // One proposal of that point left out: one that nothing since the run overtook.
    const leftOut = pairs.find((p) => !overtaken({ unitId: p.unitId, householdId: p.applicantId }))!;
    expect(leftOut).toBeDefined();
    await page.getByRole('checkbox', { name: new RegExp(`^${census.householdReferences[leftOut.applicantId]} in `) }).check();
    const pointSkipped = pairs.filter((p) => overtaken({ unitId: p.unitId, householdId: p.applicantId })).length;
    const pointOffers = pairs.length - pointSkipped - 1;
    expect(pointSkipped).toBeGreaterThan(0);

    // A note longer than the API takes: refused next to the field, the choice kept, nothing decided.
    await page.getByLabel("The board's note (kept with the run)").fill('x'.repeat(2001));
    await page.getByRole('button', { name: 'Approve the proposals' }).click();
    await page.getByText('Some fields need correcting').waitFor();
    await expect(page.getByLabel("The board's note (kept with the run)").getAttribute('aria-invalid')).resolves.toBe('true');
    const { body: still } = await platform.get(staffToken, `/matching/allocation-runs/${approvedRunId}`);
    expect(still).toMatchObject({ status: 'awaiting_approval', version: before.version, approvedPoint: null });
    await accessible(page, 'board: allocation run, decision refused');
    await page.getByLabel("The board's note (kept with the run)").fill('We take the allocation that weighs priority most.');
    await expect(page.getByRole('radio', { checked: true }).getAttribute('value')).resolves.toBe(String(chosen));
    await page.getByRole('button', { name: 'Approve the proposals' }).click();
    await page.locator('[data-testid=run-status]').getByText('Offers proposed').waitFor();
    await page.locator('[data-testid=approval]').getByText(/^Approved by a Board member on /).waitFor();
    await page.locator('[data-testid=approved-point]').getByText(`Approved at point ${chosen} of the frontier.`).waitFor();
    await page.locator('[data-testid=decision-result]').getByText(`Offers proposed: ${pointOffers} · skipped: ${pointSkipped} · excluded: 1`).waitFor();
    const { body: decided } = await platform.get(staffToken, `/matching/allocation-runs/${approvedRunId}`);
    expect(decided).toMatchObject({ approvedPoint: chosen, decisionNote: 'We take the allocation that weighs priority most.' });
    expect(decided.proposals.map((p: { unitId: string }) => p.unitId).sort()).toEqual(pairs.map((p) => p.unitId).sort());
    expect(decided.proposals.find((p: { unitId: string }) => p.unitId === leftOut.unitId).outcome).toBe('excluded');
    expect((await platform.get(staffToken, `/matching/offers?runId=${approvedRunId}`)).body.total).toBe(pointOffers);
    await page.screenshot({ path: join(shots, 'board-allocation-run-frontier-approved-en.png'), fullPage: true });
    const proposals = page.locator('[data-testid=proposals] tbody tr');
    await expect(proposals.filter({ hasText: 'Offer proposed' }).count()).resolves.toBe(pointOffers);
    await expect(proposals.filter({ hasText: 'Skipped' }).count()).resolves.toBe(pointSkipped);
    await expect(proposals.filter({ hasText: 'Excluded' }).count()).resolves.toBe(1);
    // Each skipped proposal says why, in words.
    for (const row of await proposals.filter({ hasText: 'Skipped' }).all()) {
      await expect(row.textContent()).resolves.toMatch(/The flat is no longer available\.|The household is no longer on the waitlist\./);
    }
    await page.screenshot({ path: join(shots, 'board-allocation-run-approved-en.png'), fullPage: true });
    await accessible(page, 'board: allocation run approved');

    const { body: approved } = await platform.get(staffToken, `/matching/allocation-runs/${approvedRunId}`);
    expect(approved).toMatchObject({ status: 'offers_proposed', decidedBy: { role: 'board_member' } });
    const { body: offers } = await platform.get(staffToken, `/matching/offers?runId=${approvedRunId}`);
    expect(offers.total).toBe(pointOffers);
    expect(offers.items.every((o: { status: string; source: string }) => o.status === 'proposed' && o.source === 'allocation_run')).toBe(true);

    // The decision in French and Dutch.
    await page.locator('[data-testid=language]').selectOption('fr');
    await page.locator('[data-testid=approval]').getByText(/^Approuvée par un·e Membre du conseil le /).waitFor();
    await page.screenshot({ path: join(shots, 'board-allocation-run-approved-fr.png'), fullPage: true });
    await page.locator('[data-testid=language]').selectOption('nl');
    await page.locator('[data-testid=decision-result]').getByText(`Aanbiedingen voorgesteld: ${pointOffers}`, { exact: false }).waitFor();
    await page.screenshot({ path: join(shots, 'board-allocation-run-approved-nl.png'), fullPage: true });
    await page.locator('[data-testid=language]').selectOption('en');
    expect(problems).toEqual([]);
    await context.close();
  });
});
