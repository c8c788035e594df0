import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './catalogue-sources';
import { headingAnchors, headingSlug } from './markdown';
import { formatProblem, referenceProblems } from './repository-references';

/** Tracked files and new files not ignored by git: what the next commit can contain. */
function repositoryFiles(): string[] {
  const output = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return [...new Set(output.split('\0').filter(Boolean))].filter((path) => existsSync(join(REPO_ROOT, path))).sort();
}

describe('the repository', () => {
  it('refers to nothing outside itself, and to no path, file or heading it does not have', () => {
    const problems = referenceProblems({ paths: repositoryFiles(), read: (path) => readFileSync(join(REPO_ROOT, path), 'utf8') });

    expect(problems.map(formatProblem)).toEqual([]);
  });
});

// The samples below are assembled from pieces so that this file does not itself contain the
// references it shows the check catching.
const UP = '..' + '/';
const DOCS = 'docs';
const MD = 'md';

function check(files: Record<string, string>): string[] {
  return referenceProblems({ paths: Object.keys(files), read: (path) => files[path] }).map(
    ({ file, line, reference, problem }) => `${file}:${line} ${reference} — ${problem}`,
  );
}

describe('referenceProblems', () => {
  it('reports paths that climb out of the repository, machine paths, section citations and documents it does not have', () => {
    const problems = check({
      'README.md': `# Hearth\n\nnpm run match -- --input ${UP}shared/example.json\n`,
      'libs/a/src/x.ts': [
        `// Rules of ${'DESIGN'} ${'§'}4.`,
        `// Read ${'/'}work/shared/brief.${MD} first.`,
        `// The allocation model of ${'INSTANCE'}.${MD}.`,
        `import { y } from '${UP}${UP}${UP}${UP}elsewhere/y';`,
        `import { z } from '${UP}b/z';`,
      ].join('\n'),
      'libs/a/src/x.spec.ts': `// A copy of ${'shared'}/matching/example.json`,
    });

    expect(problems).toEqual([
      `README.md:3 ${UP}shared/example.json — climbs out of the repository`,
      `libs/a/src/x.ts:1 ${'DESIGN'} ${'§'}4 — cites a section of a document that is not in the repository`,
      `libs/a/src/x.ts:2 ${'/'}work/shared/brief.${MD} — is a path on a machine, outside the repository`,
      `libs/a/src/x.ts:3 ${'INSTANCE'}.${MD} — names a document that is not in the repository`,
      `libs/a/src/x.ts:4 ${UP}${UP}${UP}${UP}elsewhere/y — climbs out of the repository`,
      `libs/a/src/x.spec.ts:1 ${'shared'}/matching/example.json — names a file in a folder the repository does not have`,
    ]);
  });

  it('reports repository paths, files, links and headings that do not exist, and accepts those that do', () => {
    const problems = check({
      'README.md': `# Hearth\n\n## Part one\n\nSee [the guide](${DOCS}/guide.${MD}#usage), [gone](${DOCS}/gone.${MD}) and [here](#part-two).\n`,
      [`${DOCS}/guide.${MD}`]: `# Guide\n\n## Usage\n\nBack to [the top](${UP}README.${MD}#part-one); run \`npm start\` from the root.\n`,
      'libs/a/src/x.ts': [
        `// See ${DOCS}/guide.${MD}#usage and ${DOCS}/guide.${MD}#setup.`,
        `// Reads libs/a/src/y.json (src/y.json for short), not libs/a/src/nope.json.`,
        `// Lives in libs/a, not libs/b.`,
        `// node -r ./tools/register.js; schema at node_modules/nx/schema.json; see https://example.org/x/y.${MD}#z`,
      ].join('\n'),
      'libs/a/src/y.json': '{}',
      'tools/register.js': '',
    });

    expect(problems).toEqual([
      `README.md:5 ${DOCS}/gone.${MD} — names a document that is not in the repository`,
      `README.md:5 #part-two — links to a heading that does not exist (#part-two)`,
      `libs/a/src/x.ts:1 ${DOCS}/guide.${MD}#setup — has no heading #setup`,
      `libs/a/src/x.ts:2 libs/a/src/nope.json — names a file that does not exist in the repository`,
      `libs/a/src/x.ts:3 libs/b — names a path that does not exist in the repository`,
    ]);
  });
});

describe('heading anchors', () => {
  it('are made as GitHub makes them', () => {
    expect(headingSlug('Event backbone')).toBe('event-backbone');
    expect(headingSlug('UnitReserved@1')).toBe('unitreserved1');
    expect(headingSlug('Inbox, retries and dead letters')).toBe('inbox-retries-and-dead-letters');
    expect(headingSlug('`hearth.units`')).toBe('hearthunits');
  });

  it('number repeated headings and skip fenced code', () => {
    const markdown = ['# Title', '## Notes', '```', '## Not a heading', '```', '## Notes'].join('\n');

    expect([...headingAnchors(markdown)]).toEqual(['title', 'notes', 'notes-1']);
  });
});
