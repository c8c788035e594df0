/**
 * `npm run docs:events`: regenerates the catalogue part of docs/events.md from libs/contracts and
 * the services' subscriptions. `npm run docs:events -- --check` only says whether it is up to date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENTS_DOC, loadCatalogueModel, REPO_ROOT } from './catalogue-sources';
import { catalogueProblems, renderCatalogue, undescribedFields, withCatalogue } from './event-catalogue';

const model = loadCatalogueModel();
const problems = catalogueProblems(model);
if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
const path = join(REPO_ROOT, EVENTS_DOC);
const current = readFileSync(path, 'utf8');
const next = withCatalogue(current, renderCatalogue(model));
const undescribed = undescribedFields(model);
if (undescribed.length > 0) {
  process.stderr.write(
    `Fields without a description (describe them in the schema with .describe() or in tools/docs/event-field-descriptions.ts):\n  ${undescribed.join('\n  ')}\n`,
  );
}
if (process.argv.includes('--check')) {
  process.stdout.write(next === current ? `${EVENTS_DOC} is up to date\n` : `${EVENTS_DOC} is out of date: run npm run docs:events\n`);
  process.exit(next === current ? 0 : 1);
}
if (next !== current) writeFileSync(path, next);
process.stdout.write(`${EVENTS_DOC}: ${model.events.length} event types${next === current ? ', unchanged' : ', written'}\n`);
