import { eventually } from '@hearth/testing';
import { join } from 'node:path';
import { browserSuite, openPage, signInThroughConsole } from './support';

/**
 * The Outcomes page in Debian's Chromium (headless, playwright-core) against the real gateway and
 * services — reporting included — started as processes and seeded with the demo data of `npm start`:
 * the indicators come from the reporting service's read models of the seeded events, no mocked API.
 */
describe('the outcomes page in a real browser', () => {
  const suite = browserSuite('Outcomes');
  const { platform, shots, accessible } = suite;

  it('a board member opens Outcomes and sees the seeded households in a chart, each definition one click away, as of a past day, in en, fr and nl', async () => {
    const boardToken = await platform.token('board@hearth.demo');
    // The seeded waitlist as applicants knows it; reporting has counted them once its read models caught up (a positive signal).
    const { body: waitlist } = await platform.get(boardToken, '/applicants/board/waitlist?limit=1');
    expect(waitlist.total).toBeGreaterThan(0);
    let stillWaiting: { count: number; byProgramme: { programme: string; count: number }[] } | undefined;
    await eventually(
      async () => {
        const { status, body } = await platform.get(boardToken, '/reporting/indicators/time-to-house');
        expect(status).toBe(200);
        expect(body.figures.stillWaiting.count).toBe(waitlist.total);
        stillWaiting = { count: body.figures.stillWaiting.count, byProgramme: body.figures.stillWaitingByProgramme };
      },
      90_000,
      500,
    );

    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const { page, problems } = await openPage(context);
    await signInThroughConsole(page, platform.gatewayUrl, 'board@hearth.demo');
    await page.getByRole('link', { name: 'Outcomes' }).click();
    await page.waitForURL('**/outcomes');
    await page.getByRole('heading', { name: 'Outcomes', level: 2 }).waitFor();

    // The chart of households still waiting draws a bar per programme with households, and lists the same values.
    const chart = page.locator('[data-testid=outcomes-chart-still-waiting]');
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    const programmes = stillWaiting!.byProgramme.filter((p) => p.count > 0);
    expect(programmes.length).toBeGreaterThan(0);
    const values = chart.locator('[data-testid=outcomes-values-still-waiting] tr');
    await expect(values.count()).resolves.toBe(stillWaiting!.byProgramme.length);
    const shown = (await values.allTextContents()).join(' | ');
    for (const p of programmes) expect(shown).toContain(String(p.count));
    await expect(page.locator('[data-testid=outcomes-time-to-house] dd').nth(3).textContent()).resolves.toBe(String(stillWaiting!.count));
    for (const name of ['sustainment', 'vacancy', 'arrears', 'collection', 'mediation']) await page.locator(`[data-testid=outcomes-${name}] h3`).waitFor();

    // The exact definition, from the reporting service in the reader's language, one click away.
    const { body: definitions } = await platform.get(boardToken, '/reporting/indicators?lang=en');
    const definition: string = definitions.items.find((i: { name: string }) => i.name === 'time-to-house').definition;
    const section = page.locator('[data-testid=outcomes-time-to-house]');
    await section.getByText('Definition', { exact: true }).click();
    await section.getByText(definition).waitFor();
    await page.screenshot({ path: join(shots, 'outcomes-en.png'), fullPage: true });
    await accessible(page, 'outcomes (en)');

    // French and Dutch: every text of the page, the definitions included, in the reader's language.
    for (const [language, title, definitionLabel] of [
      ['fr', 'Résultats', 'Définition'],
      ['nl', 'Resultaten', 'Definitie'],
    ] as const) {
      await page.locator('[data-testid=language]').selectOption(language);
      await page.getByRole('heading', { name: title, level: 2 }).waitFor();
      const { body: translated } = await platform.get(boardToken, `/reporting/indicators?lang=${language}`);
      await section.getByText(definitionLabel, { exact: true }).waitFor();
      await section.getByText(translated.items.find((i: { name: string }) => i.name === 'time-to-house').definition).waitFor();
      await chart.locator('.recharts-bar-rectangle').first().waitFor();
      await page.screenshot({ path: join(shots, `outcomes-${language}.png`), fullPage: true });
      await accessible(page, `outcomes (${language})`);
    }

    // As of a day before the demo was seeded: nobody was waiting yet, and the answer is the one stored for that day.
    await page.locator('[data-testid=language]').selectOption('en');
    const before = new Date(Date.now() - 3 * 86_400_000).toLocaleDateString('en-CA');
    await page.locator('[data-testid=outcomes-as-of]').fill(before);
    await page.getByText(/as stored on/).waitFor();
    await chart.getByText('No figures for this period yet.').waitFor();
    await expect(page.locator('[data-testid=outcomes-time-to-house] dd').nth(3).textContent()).resolves.toBe('0');
    await page.getByRole('button', { name: 'Back to today' }).click();
    await chart.locator('.recharts-bar-rectangle').first().waitFor();

    expect(problems).toEqual([]);
    console.log(`Outcomes: households still waiting ${stillWaiting!.count}`);
    await context.close();
  });
});
