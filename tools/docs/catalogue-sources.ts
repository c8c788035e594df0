import * as contracts from '@hearth/contracts';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { CatalogueModel, catalogueEvents, EventModule, eventUses, leadingComment, SourceFile } from './event-catalogue';
import { eventFieldDescriptions } from './event-field-descriptions';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const EVENTS_DOC = 'docs/events.md';
const EVENTS_DIR = 'libs/contracts/src/events';

function read(root: string, path: string): SourceFile {
  return { path, text: readFileSync(join(root, path), 'utf8') };
}

/** The TypeScript files under a folder, recursively, as repository-relative paths. */
function typeScriptFiles(root: string, folder: string): string[] {
  const found: string[] = [];
  const walk = (directory: string): void => {
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) found.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(join(root, folder));
  return found.sort();
}

/** Everything the catalogue is generated from, read from the repository. */
export function loadCatalogueModel(root: string = REPO_ROOT): CatalogueModel {
  const modules: EventModule[] = readdirSync(join(root, EVENTS_DIR))
    .filter((name) => name.endsWith('.events.ts'))
    .sort()
    .map((name) => {
      const file = read(root, `${EVENTS_DIR}/${name}`);
      return { ...file, exports: require(join(root, file.path)) as Record<string, unknown> };
    });
  const events = catalogueEvents(modules);
  const intros = new Map<string, string>();
  for (const module of modules) {
    const source = events.find((event) => event.file === module.path)?.definition.source;
    const intro = leadingComment(module.text);
    if (source && intro) intros.set(source, intro);
  }
  const serviceFiles = readdirSync(join(root, 'services'))
    .filter((service) => existsSync(join(root, 'services', service, 'src')))
    .flatMap((service) => typeScriptFiles(root, `services/${service}/src`))
    .map((path) => read(root, path));
  return {
    events,
    intros,
    consumers: eventUses(serviceFiles, 'on', contracts),
    writers: eventUses(serviceFiles, 'newEvent', contracts),
    descriptions: eventFieldDescriptions,
  };
}
