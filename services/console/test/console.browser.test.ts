import { aPng, eventually } from '@hearth/testing';
import { join } from 'node:path';
import { browserSuite, openPage, signInThroughConsole } from './support';

/** The inspections service's default agenda zone (AGENDA_TIME_ZONE). */
const AGENCY_TIME_ZONE = 'Europe/Brussels';

/**
 * The web console in Debian's Chromium (headless, playwright-core) against the real gateway and
 * services started as processes, seeded with the demo data of `npm start`: no mocked API.
 */
describe('the web console in a real browser', () => {
  let staffToken: string;
  const suite = browserSuite('Console', async (platform) => {
    staffToken = await platform.token('staff@hearth.demo');
    // The three inspected flats become available once the inspections' events reach units.
    await eventually(async () => expect((await platform.get(staffToken, '/units/units?status=available')).body.total).toBe(3), 60_000, 500);
  });
  const { platform, shots, accessible } = suite;

  it('staff sign in and see the dashboard with real data, keep their session on reload, and follow a flat to its shortlist and an offer', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(`${platform.gatewayUrl}/`);
    await page.waitForURL('**/sign-in');
    await accessible(page, 'sign-in');

    // A wrong password is refused in words, not codes.
    await page.locator('input[name=email]').fill('staff@hearth.demo');
    await page.locator('input[name=password]').fill('not the password');
    await page.locator('form button[type=submit]').click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('do not match');

    await signInThroughConsole(page, platform.gatewayUrl, 'staff@hearth.demo');
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    // Seeded: six flats, three submitted and inspected (available), three drafts.
    await page.locator('[data-status=available]').getByText('3', { exact: true }).waitFor();
    await expect(page.locator('[data-status=draft]').textContent()).resolves.toBe('3');
    await expect(page.locator('[data-status=let]').textContent()).resolves.toBe('0');
    await page.getByText('To schedule: 0').waitFor();
    // Seeded: one neighbour's complaint received just now (every deadline ahead) and no tenancy, so none at risk.
    await page.getByText('No tenancy is at risk.').waitFor();
    await expect(page.locator('[data-testid=overdue-complaints]').textContent()).resolves.toBe('Past a deadline: 0');
    await expect(page.getByRole('link', { name: 'Past a deadline: 0' }).getAttribute('href')).resolves.toBe('/complaints?overdue=true');
    await page.screenshot({ path: join(shots, 'staff-dashboard-en.png'), fullPage: true });
    await accessible(page, 'staff dashboard');

    // The access token lived only in memory: a reload gets a new one through the refresh cookie.
    await page.reload();
    await page.locator('[data-status=available]').getByText('3', { exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard');

    // Flats, filtered to the available ones, then one flat's page with its shortlist.
    await page.getByRole('link', { name: 'Available' }).click();
    await page.waitForURL((url) => url.pathname === '/flats' && url.searchParams.get('status') === 'available');
    await page.locator('[data-testid=units] tbody tr').nth(2).waitFor();
    await expect(page.locator('[data-testid=units] tbody tr').count()).resolves.toBe(3);
    await accessible(page, 'flats');
    const { body: available } = await platform.get(staffToken, '/units/units?status=available');
    const unitId: string = available.items[0].id;
    await eventually(async () => expect((await platform.get(staffToken, `/matching/units/${unitId}/shortlist`)).status).toBe(200), 60_000, 500);
    await page.goto(`${platform.gatewayUrl}/flats/${unitId}`);
    const rows = page.locator('[data-testid=shortlist] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await expect(rows.first().textContent()).resolves.toMatch(/Priority.*Waiting.*Preference.*Fit/);
    await accessible(page, 'flat with shortlist');

    // Why (not) this household: the first on the shortlist is eligible and ranked first.
    const { body: shortlist } = await platform.get(staffToken, `/matching/units/${unitId}/shortlist`);
    await page.getByLabel('Household id').fill(shortlist.entries[0].householdId);
    await page.getByRole('button', { name: 'Explain' }).click();
    await page.locator('[data-testid=why-not-answer]').getByText('may be offered this flat').waitFor();
    await page.getByText(`Rank 1 of`).waitFor();

    // Propose an offer to the first household, then make it: it awaits the household's answer.
    await rows.first().getByRole('button', { name: 'Propose an offer' }).click();
    await page.locator('[data-testid=offers]').getByText('Proposed').waitFor();
    await page.locator('[data-testid=offers]').getByRole('button', { name: 'Make the offer' }).click();
    await page.locator('[data-testid=offers]').getByText('Offered').waitFor();
    await page.screenshot({ path: join(shots, 'staff-flat-offer-en.png'), fullPage: true });
    const { body: offers } = await platform.get(staffToken, `/matching/offers?unitId=${unitId}`);
    expect(offers.items.map((o: { status: string }) => o.status)).toEqual(['offered']);

    // Live: the household's acceptance, recorded elsewhere, appears on this page without a reload
    // (the flat's page does not poll; the gateway's event stream tells it).
    await page.locator('[data-testid=live]').waitFor();
    const offer = offers.items[0];
    const accepted = await fetch(`${platform.gatewayUrl}/api/matching/offers/${offer.id}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` },
      body: JSON.stringify({ expectedVersion: offer.version }),
    });
    expect(accepted.status).toBe(200);
    await page.locator('[data-testid=offers]').getByText('Accepted').waitFor({ timeout: 15_000 });

    await page.goto(`${platform.gatewayUrl}/offers`);
    await page.locator('[data-testid=offers]').getByText('Accepted').waitFor();
    await accessible(page, 'offers');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('switching the language changes the texts, and the choice is kept for the user', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await signInThroughConsole(page, platform.gatewayUrl, 'staff@hearth.demo');
    await page.getByRole('heading', { name: 'Dashboard', level: 2 }).waitFor();
    await page.locator('[data-testid=language]').selectOption('fr');
    await page.getByRole('heading', { name: 'Tableau de bord', level: 2 }).waitFor();
    await page.getByText('Logements par statut').waitFor();
    await page.getByRole('link', { name: 'Disponible' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.screenshot({ path: join(shots, 'staff-dashboard-fr.png'), fullPage: true });
    await accessible(page, 'staff dashboard (fr)');
    await page.locator('[data-testid=language]').selectOption('nl');
    await page.getByText('Woningen per status').waitFor();
    await page.getByRole('link', { name: 'Beschikbaar' }).waitFor();
    await page.getByRole('button', { name: 'Afmelden' }).waitFor();
    await page.screenshot({ path: join(shots, 'staff-dashboard-nl.png'), fullPage: true });
    // Kept across a reload (remembered for this user on this device).
    await page.reload();
    await page.getByText('Woningen per status').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a landlord sees their flats, is told what is wrong with an incomplete flat, then lists one and submits it for inspection', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await signInThroughConsole(page, platform.gatewayUrl, 'landlord@hearth.demo');
    expect(new URL(page.url()).pathname).toBe('/my-flats');
    const rows = page.locator('[data-testid=units] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    await accessible(page, 'landlord: my flats');

    await page.getByRole('link', { name: 'List a flat' }).first().click();
    await page.waitForURL('**/my-flats/new');
    await accessible(page, 'landlord: list a flat');
    // Nothing filled in: the API's refusal is shown next to the fields at fault.
    await page.getByRole('button', { name: 'Save the flat' }).click();
    await page.getByText('Some fields need correcting').waitFor();
    await expect(page.locator('input[name=address]').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('input[name=rent]').getAttribute('aria-invalid')).resolves.toBe('true');

    await page.locator('input[name=address]').fill('Rue du Canal 12');
    await page.locator('input[name=postalCode]').fill('1000');
    await page.locator('input[name=city]').fill('Bruxelles');
    await page.locator('input[name=districtCode]').fill('BXL-C');
    await page.locator('input[name=floorArea]').fill('64');
    await page.locator('input[name=rent]').fill('720');
    await page.locator('input[name=stepFree]').check();
    await page.screenshot({ path: join(shots, 'landlord-list-flat-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save the flat' }).click();
    await page.waitForURL('**/my-flats');
    await page.getByText('Rue du Canal 12, 1000 Bruxelles').waitFor();
    await expect(rows.count()).resolves.toBe(3);
    await rows.filter({ hasText: 'Rue du Canal 12' }).getByText('Awaiting inspection').waitFor();

    // The flat exists as the landlord entered it, submitted for its initial inspection.
    const landlordToken = await platform.token('landlord@hearth.demo');
    const { body: mine } = await platform.get(landlordToken, '/units/units?limit=100');
    const listed = mine.items.find((unit: { address: string }) => unit.address === 'Rue du Canal 12');
    expect(listed).toMatchObject({ status: 'pending_inspection', postalCode: '1000', city: 'Bruxelles', districtCode: 'BXL-C', bedrooms: 1, floorArea: 64, stepFree: true, landlordId: platform.records!.landlordId });
    expect(Number(listed.rent)).toBe(720);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("the inspector, on a phone, is told what a failure needs, photographs it, fails the flat; the re-inspection passes it and the landlord's new flat becomes available", async () => {
    const { body: units } = await platform.get(staffToken, '/units/units?limit=100');
    const listed = units.items.find((unit: { address: string }) => unit.address === 'Rue du Canal 12');
    const inspection = await eventually(async () => {
      const { body } = await platform.get(staffToken, `/inspections/inspections?unitId=${listed.id}`);
      expect(body.items).toHaveLength(1);
      return body.items[0];
    }, 60_000, 500);
    const asStaff = (path: string, body: unknown) =>
      fetch(`${platform.gatewayUrl}/api/inspections${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` }, body: JSON.stringify(body) });
    const schedule = async (inspectionId: string, scheduledAt: Date) =>
      expect((await asStaff(`/inspections/${inspectionId}/schedule`, { inspectorId: platform.records!.inspectorId, scheduledAt: scheduledAt.toISOString() })).status).toBe(200);
    const scheduledAt = new Date(Date.now() + 5 * 60_000);
    await schedule(inspection.id, scheduledAt);

    // The inspector's phone keeps the agency's time; the visit may fall on tomorrow there (late at night).
    const phone = await suite.browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, timezoneId: AGENCY_TIME_ZONE });
    const { page, problems } = await openPage(phone);
    await signInThroughConsole(page, platform.gatewayUrl, 'inspector@hearth.demo');
    /** The agenda as the inspector opens it (loaded afresh: staff booked the visit a moment ago), then the visit. */
    const openFromAgenda = async (inspectionId: string) => {
      await page.goto(`${platform.gatewayUrl}/agenda`);
      await page.getByLabel('Day').fill(new Intl.DateTimeFormat('en-CA', { timeZone: AGENCY_TIME_ZONE }).format(scheduledAt));
      await page.locator(`[data-testid=agenda] a[href="/inspections/${inspectionId}"]`).click();
      await page.waitForURL(`**/inspections/${inspectionId}`);
    };
    await openFromAgenda(inspection.id);

    // A failure needs a severity and a note: the API says so next to the fields.
    const first = page.locator('[data-testid^=item-]').first();
    await first.getByText('Fail', { exact: true }).click();
    await first.getByRole('button', { name: 'Save this item' }).click();
    await first.locator('textarea[aria-invalid=true]').waitFor();
    await first.locator('select').selectOption('moderate');
    await first.locator('textarea').fill('Loose socket in the hall');

    // Photos from the phone's camera: the input asks for the rear camera; two taken, one removed before saving.
    const camera = first.locator('input[type=file]');
    expect(await camera.getAttribute('accept')).toBe('image/*');
    expect(await camera.getAttribute('capture')).toBe('environment');
    await camera.setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: aPng({ width: 48, height: 32, seed: 1 }) });
    const thumbnail = first.getByRole('img', { name: 'Photo 1 of this item' });
    await thumbnail.waitFor();
    await first.getByText('1 photo', { exact: true }).waitFor();
    // Shown for real: decoded from the bytes fetched through the API with the token.
    const shownWidth = await thumbnail.evaluate((image) => {
      const shown = image as unknown as { complete: boolean; naturalWidth: number };
      return shown.complete ? shown.naturalWidth : 0;
    });
    expect(shownWidth).toBe(48);
    await camera.setInputFiles({ name: 'IMG_0002.png', mimeType: 'image/png', buffer: aPng({ width: 48, height: 32, seed: 2 }) });
    await first.getByRole('img', { name: 'Photo 2 of this item' }).waitFor();
    await first.getByRole('button', { name: 'Remove photo 2' }).click();
    await first.getByText('1 photo', { exact: true }).waitFor();
    // A camera's photo of several megabytes (over the service's 5 MiB) is scaled down and sent as a JPEG.
    const large = aPng({ width: 1800, height: 1200, seed: 4, noise: true });
    expect(large.length).toBeGreaterThan(5 * 1024 * 1024);
    const sent = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith(`/inspections/${inspection.id}/photos`));
    await camera.setInputFiles({ name: 'IMG_0004.png', mimeType: 'image/png', buffer: large });
    const scaled = (await (await sent).json()) as { contentType: string; sizeBytes: number };
    expect(scaled.contentType).toBe('image/jpeg');
    expect(scaled.sizeBytes).toBeLessThan(5 * 1024 * 1024);
    await first.getByRole('img', { name: 'Photo 2 of this item' }).waitFor();
    await first.getByRole('button', { name: 'Remove photo 2' }).click();
    await first.getByText('1 photo', { exact: true }).waitFor();
    // No connection when a photo is taken: it waits, said in words, and goes once the phone is back online.
    await phone.setOffline(true);
    await camera.setInputFiles({ name: 'IMG_0003.png', mimeType: 'image/png', buffer: aPng({ width: 48, height: 32, seed: 3 }) });
    await first.getByText(/^No connection for the moment: the photo will be sent/).waitFor();
    expect(await first.getByRole('button', { name: 'Save this item' }).isDisabled()).toBe(true);
    await phone.setOffline(false);
    await first.getByRole('img', { name: 'Photo 2 of this item' }).waitFor();
    await first.getByRole('button', { name: 'Remove photo 2' }).click();
    await first.getByText('1 photo', { exact: true }).waitFor();
    // Something that is not a photo is refused in words; the severity and note stay as typed.
    await camera.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
    await first.getByText('Only photos (JPEG, PNG or WebP) can be added.').waitFor();
    expect(await first.locator('textarea').inputValue()).toBe('Loose socket in the hall');
    expect(await first.locator('select').inputValue()).toBe('moderate');
    await first.getByRole('button', { name: 'Save this item' }).click();
    await first.getByText('Saved.').waitFor();
    await page.screenshot({ path: join(shots, 'inspector-checklist-failure-375px-en.png'), fullPage: true });
    await accessible(page, 'inspector: a failed item with its photo (375 px)');

    /** Passes every item, area by area, except those already failed; then completes. */
    const passTheRest = async (except: Set<number>) => {
      const areas = Number(/of (\d+)/.exec((await page.getByText(/^Area 1 of \d+/).textContent()) ?? '')?.[1]);
      for (let area = 1; area <= areas; area++) {
        await page.getByText(new RegExp(`^Area ${area} of`)).waitFor();
        const items = page.locator('[data-testid^=item-]');
        const count = await items.count();
        for (let index = 0; index < count; index++) {
          if (area === 1 && except.has(index)) continue;
          await items.nth(index).getByText('Pass', { exact: true }).click();
          await items.nth(index).getByText('Saved.').waitFor();
        }
        if (area < areas) await page.getByRole('button', { name: 'Next area' }).click();
      }
      await page.getByRole('button', { name: 'Complete the inspection' }).click();
      await page.waitForURL('**/agenda');
    };
    await passTheRest(new Set([0]));

    // The deficiency holds the photo kept (the other was removed before saving), and the photo is the one taken.
    const { body: failed } = await platform.get(staffToken, `/inspections/inspections/${inspection.id}`);
    expect(failed).toMatchObject({ status: 'completed', outcome: 'failed' });
    expect(failed.deficiencies).toHaveLength(1);
    expect(failed.deficiencies[0]).toMatchObject({ severity: 'moderate', note: 'Loose socket in the hall', photos: [expect.stringMatching(/^[0-9a-f-]{36}$/)] });
    const photo = await fetch(`${platform.gatewayUrl}/api/inspections/inspections/${inspection.id}/photos/${failed.deficiencies[0].photos[0]}`, { headers: { authorization: `Bearer ${staffToken}` } });
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.compare(Buffer.from(await photo.arrayBuffer()), aPng({ width: 48, height: 32, seed: 1 }))).toBe(0);
    expect((await platform.get(staffToken, `/units/units/${listed.id}`)).body.status).toBe('pending_inspection');

    // The landlord repairs the socket; the re-inspection passes every item.
    const reinspection = await asStaff(`/inspections/${inspection.id}/reinspection`, {});
    expect(reinspection.status).toBe(201);
    const { id: reinspectionId } = (await reinspection.json()) as { id: string };
    await schedule(reinspectionId, scheduledAt);
    await openFromAgenda(reinspectionId);
    // What the failed visit found is shown on the item it concerns, and only there: severity, deadline, note, photo.
    const foundBefore = page.locator('[data-testid^=found-before-]');
    await foundBefore.getByText('Loose socket in the hall').waitFor();
    await expect(foundBefore.count()).resolves.toBe(1);
    const deadline = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: AGENCY_TIME_ZONE }).format(new Date(failed.deficiencies[0].deadlineAt));
    await foundBefore.getByText(`Found at the inspection checked again: Moderate (60 days), to be repaired by ${deadline}`).waitFor();
    await foundBefore.getByRole('img', { name: 'Photo 1 taken at the inspection checked again' }).waitFor();
    await expect(page.locator('[data-testid^=item-]').first().locator('[data-testid^=found-before-]').count()).resolves.toBe(1);
    await accessible(page, 'inspector: a re-inspection, with what was found before (375 px)');
    await passTheRest(new Set());
    expect(problems).toEqual([]);
    await phone.close();

    const { body: done } = await platform.get(staffToken, `/inspections/inspections/${reinspectionId}`);
    expect(done).toMatchObject({ status: 'completed', outcome: 'passed', reinspectionOf: inspection.id });
    expect(done.checklist.answered).toBe(done.checklist.total);
    await eventually(async () => expect((await platform.get(staffToken, `/units/units/${listed.id}`)).body.status).toBe('available'), 60_000, 500);
  });

  it('the inspector (on a phone), the board member and the caseworker reach their screens, accessible; the caseworker records an acceptance', async () => {
    const phone = await suite.browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const { page, problems } = await openPage(phone);
    await signInThroughConsole(page, platform.gatewayUrl, 'inspector@hearth.demo');
    expect(new URL(page.url()).pathname).toBe('/agenda');
    await page.getByRole('heading', { name: "Today's agenda", level: 2 }).waitFor();
    await page.locator('[data-testid=agenda], [data-testid=empty]').first().waitFor();
    await page.screenshot({ path: join(shots, 'inspector-agenda-375px-en.png'), fullPage: true });
    await accessible(page, 'inspector: agenda (375 px)');
    const inspectorToken = await platform.token('inspector@hearth.demo');
    const { body: done } = await platform.get(inspectorToken, `/inspections/inspections?inspectorId=${platform.records!.inspectorId}&limit=1`);
    await page.goto(`${platform.gatewayUrl}/inspections/${done.items[0].id}`);
    await page.getByText(/Area 1 of \d+/).waitFor();
    await accessible(page, 'inspector: checklist (375 px)');
    expect(problems).toEqual([]);
    await phone.close();

    const desk = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const board = await openPage(desk);
    await signInThroughConsole(board.page, platform.gatewayUrl, 'board@hearth.demo');
    expect(new URL(board.page.url()).pathname).toBe('/waitlist');
    // Eight seeded; the household that accepted a flat in the staff journey is no longer waiting.
    const { body: waiting } = await platform.get(await platform.token('board@hearth.demo'), '/applicants/board/waitlist?limit=1');
    expect(waiting.total).toBe(7);
    await board.page.getByText('Households waiting: 7').waitFor();
    await expect(board.page.locator('[data-testid=waitlist] tbody tr').count()).resolves.toBe(7);
    await board.page.locator('.recharts-bar-rectangle').first().waitFor();
    await board.page.screenshot({ path: join(shots, 'board-waitlist-en.png'), fullPage: true });
    await accessible(board.page, 'board: waitlist');
    expect(board.problems).toEqual([]);

    // An offer for a household of the demo caseworker's caseload, proposed and made by staff.
    const caseworkerToken = await platform.token('caseworker@hearth.demo');
    const mine: string[] = (await platform.get(caseworkerToken, '/applicants/households?limit=100')).body.items
      .filter((h: { status: string }) => h.status === 'waitlisted')
      .map((h: { id: string }) => h.id);
    const { body: availableNow } = await platform.get(staffToken, '/units/units?status=available');
    let pair: { unitId: string; householdId: string; reference: string } | undefined;
    for (const unit of availableNow.items) {
      const shortlist = await platform.get(staffToken, `/matching/units/${unit.id}/shortlist`);
      const entry = shortlist.status === 200 ? shortlist.body.entries.find((e: { householdId: string }) => mine.includes(e.householdId)) : undefined;
      if (entry) {
        pair = { unitId: unit.id, householdId: entry.householdId, reference: entry.reference };
        break;
      }
    }
    expect(pair).toBeDefined();
    const staffCall = (path: string, body: unknown) =>
      fetch(`${platform.gatewayUrl}/api/matching${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { id: string; version: number } }));
    const proposed = await staffCall('/offers', { unitId: pair!.unitId, householdId: pair!.householdId, justification: 'Supported by her caseworker; the flat is near her school' });
    expect(proposed.status).toBe(201);
    expect((await staffCall(`/offers/${proposed.body.id}/make`, { expectedVersion: proposed.body.version })).status).toBe(200);

    const caseworkerContext = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const caseworker = await openPage(caseworkerContext);
    await signInThroughConsole(caseworker.page, platform.gatewayUrl, 'caseworker@hearth.demo');
    expect(new URL(caseworker.page.url()).pathname).toBe('/caseload');
    const households = caseworker.page.locator('[data-testid=households] tbody tr');
    await households.first().waitFor();
    expect(await households.count()).toBe(3);
    await accessible(caseworker.page, 'caseworker: caseload');
    // The caseworker records the household's acceptance.
    await caseworker.page.getByRole('link', { name: 'Offers' }).click();
    const offerRow = caseworker.page.locator('[data-testid=offers] tbody tr', { hasText: pair!.reference });
    await offerRow.getByRole('button', { name: 'Record acceptance' }).click();
    await offerRow.getByText('Accepted').waitFor();
    await accessible(caseworker.page, 'caseworker: offers');
    expect((await platform.get(staffToken, `/matching/offers/${proposed.body.id}`)).body.status).toBe('accepted');
    expect(caseworker.problems).toEqual([]);
    await desk.close();
    await caseworkerContext.close();
  });

  it('the board member drafts a policy, previews how it would reorder the waitlist, and publishes it', async () => {
    const boardToken = await platform.token('board@hearth.demo');
    // Two households accepted offers in the journeys above; six are still waiting.
    const waiting = await eventually(async () => {
      const { body } = await platform.get(boardToken, '/applicants/board/waitlist?limit=100');
      expect(body.total).toBe(6);
      return body.items as { rank: number; reference: string; priority: number; scoreBreakdown: { factor: string; item?: string }[] }[];
    }, 30_000, 500);
    // Naive reference: overcrowding from 12 to 60 points adds 48 to the households living so (the
    // demo's priorities stay under the cap), then re-rank; equal priorities keep their order now.
    const raised = waiting.map((h) => ({ ...h, draft: h.priority + (h.scoreBreakdown.some((p) => p.item === 'overcrowded') ? 48 : 0) }));
    const draftRank = new Map([...raised].sort((a, b) => b.draft - a.draft || a.rank - b.rank).map((h, index) => [h.reference, index + 1]));
    const movedUp = raised.filter((h) => draftRank.get(h.reference)! < h.rank).length;
    const movedDown = raised.filter((h) => draftRank.get(h.reference)! > h.rank).length;
    expect(movedUp).toBeGreaterThan(0);

    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await signInThroughConsole(page, platform.gatewayUrl, 'board@hearth.demo');
    await page.getByRole('link', { name: 'Priority policy' }).click();
    await page.getByText('In force: version 1', { exact: false }).waitFor();
    await page.getByLabel('Overcrowded').fill('60');
    await page.getByRole('button', { name: 'Preview the effect' }).click();
    const preview = page.locator('[data-testid=policy-preview]');
    await preview.getByText(`Would move up: ${movedUp} `).waitFor();
    await preview.getByText(`Would move down: ${movedDown} `).waitFor();
    await preview.getByText(`Would keep their place: ${waiting.length - movedUp - movedDown}`).waitFor();
    await preview.locator('.recharts-bar-rectangle path').first().waitFor();
    await page.screenshot({ path: join(shots, 'board-policy-preview-en.png'), fullPage: true });
    await accessible(page, 'board: policy preview');

    // A value out of range is refused next to its field, and nothing is previewed.
    await page.getByLabel('Points for urgent status').fill('250');
    await page.getByRole('button', { name: 'Preview the effect' }).click();
    await page.locator('input[name="weights.urgentBonus"][aria-invalid=true]').waitFor();
    await page.getByLabel('Points for urgent status').fill('20');
    await page.getByRole('button', { name: 'Preview the effect' }).click();
    await preview.getByText(`Would move up: ${movedUp} `).waitFor();

    await page.getByLabel('What changes and why').fill('Overcrowding weighs more, as the board decided in its November review');
    await page.getByRole('button', { name: 'Publish this policy' }).click();
    await page.getByText('Version 2 is in force').waitFor();
    await page.getByText('Every waiting household has been re-scored under this version.').waitFor({ timeout: 30_000 });
    await accessible(page, 'board: policy published');

    // The waitlist is now in the draft's order.
    const firstUnderDraft = [...draftRank].find(([, rank]) => rank === 1)![0];
    await page.getByRole('link', { name: 'Waitlist' }).click();
    await page.locator('[data-testid=waitlist] tbody tr').first().filter({ hasText: firstUnderDraft }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
