import { posix } from 'node:path';
import { headingAnchors } from './markdown';

/**
 * Keeps the repository self-contained: everything its code, comments and documents point to must
 * be inside it. A problem is reported for
 * - a relative path that climbs out of the repository (`../` past its root);
 * - an absolute path into a machine's own folders (under work, home, Users, mnt or root);
 * - a Markdown document named by a file name that no file in the repository has, or a `§` section
 *   citation (of a document that is not here);
 * - a repository path (`libs/…`, `services/…`, `docs/…`, …) or a path to a file that does not
 *   exist; a file path may be written from the root, from the citing file's folder or as the tail
 *   of a longer path (`src/cli/match.cli.ts`);
 * - a link or `#anchor` into a Markdown document that does not exist or has no such heading.
 * A build output (a path with a `dist` folder) is never in the repository and is not checked.
 * Tests use made-up paths as data, so in test files a file path counts only when its first folder
 * is one the repository does not have at all, besides everything that points outside.
 */

export interface ReferenceProblem {
  readonly file: string;
  readonly line: number;
  readonly reference: string;
  readonly problem: string;
}

export interface Repository {
  /** Every file, repository-relative with forward slashes. */
  readonly paths: readonly string[];
  /** Reads a text file of the repository. */
  readonly read: (path: string) => string;
}

/** Top-level folders whose paths are written from the repository root. */
const ROOT_FOLDERS = ['libs', 'services', 'tools', 'docs', 'e2e', 'infra', '.ci'];
const ROOT_PATH = new RegExp(`(?<![\\w./@-])(?:${ROOT_FOLDERS.map((folder) => folder.replace('.', '\\.')).join('|')})/[\\w.@/-]*[\\w-]`, 'g');
const CLIMBING_PATH = /(?:\.\.\/)+[^\s'"`)\]},;]*/g;
const MACHINE_PATH = /(?<![\w./:-])\/(?:work|home|Users|mnt|root)\/[\w./-]*/g;
const FILE_PATH = /(?<![\w./@$}-])(?:[\w.-]+\/)+[\w.-]+\.(?:md|json|ts|js|mjs|cjs|ya?ml|sh|sql|txt|csv|html)\b/g;
const DOCUMENT_NAME = /[\w./-]*?([\w-]+\.md)\b/g;
const SECTION_CITATION = /\b[A-Z][\w.-]*\s?§\s*\d+/g;
const DOC_ANCHOR = /(?<!\]\()(?<![\w./-])((?:docs\/[\w./-]+|[\w-]+)\.md)#([\w-]+)/g;
const MARKDOWN_LINK = /\]\(([^)\s]+)\)/g;
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"`)>\]]+/gi;
const BUILD_OUTPUT = /(^|\/)dist(\/|$)/;
const TEST_FILE = /\.(spec|test)\.ts$|(^|\/)test\//;
/** Files too large or not text. */
const SKIPPED = [/^package-lock\.json$/, /\.(png|jpe?g|gif|ico|pdf|woff2?)$/i];

interface Finding {
  index: number;
  reference: string;
  problem: string;
}

export function referenceProblems(repository: Repository): ReferenceProblem[] {
  const files = new Set(repository.paths);
  const folders = new Set(repository.paths.flatMap((path) => path.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const folderNames = new Set([...folders].map((folder) => posix.basename(folder)));
  const documentNames = new Set(repository.paths.filter((path) => path.endsWith('.md')).map((path) => posix.basename(path)));
  const exists = (path: string) => files.has(path) || folders.has(path.replace(/\/$/, ''));
  const anchorCache = new Map<string, Set<string>>();
  const anchorsOf = (path: string): Set<string> => {
    let anchors = anchorCache.get(path);
    if (!anchors) anchorCache.set(path, (anchors = headingAnchors(repository.read(path))));
    return anchors;
  };

  const problems: ReferenceProblem[] = [];
  for (const file of repository.paths) {
    if (SKIPPED.some((pattern) => pattern.test(file))) continue;
    const text = repository.read(file);
    if (text.includes('\u0000')) continue; // binary
    const folder = posix.dirname(file);
    const isTest = TEST_FILE.test(file);
    const findings: Finding[] = [];
    // One problem per stretch of text: the first rule that objects to it names it.
    const report = (index: number, reference: string, problem: string): void => {
      if (findings.some((f) => index < f.index + f.reference.length && f.index < index + reference.length)) return;
      findings.push({ index, reference, problem });
    };
    // URLs are addresses, not paths: blank them out (keeping offsets) before looking for paths.
    const scanned = text.replace(URL, (url) => ' '.repeat(url.length));

    for (const match of scanned.matchAll(CLIMBING_PATH)) {
      if (posix.join(folder, match[0]).startsWith('..')) report(match.index, match[0], 'climbs out of the repository');
    }
    for (const match of scanned.matchAll(MACHINE_PATH)) report(match.index, match[0], 'is a path on a machine, outside the repository');
    for (const match of scanned.matchAll(SECTION_CITATION)) report(match.index, match[0], 'cites a section of a document that is not in the repository');
    for (const match of scanned.matchAll(DOCUMENT_NAME)) {
      if (!documentNames.has(match[1])) report(match.index, match[0], 'names a document that is not in the repository');
    }
    for (const match of scanned.matchAll(FILE_PATH)) {
      const path = posix.normalize(match[0]);
      if (path.includes('node_modules/')) continue; // installed dependencies
      if (isTest) {
        const resolved = path.startsWith('.') ? posix.join(folder, path) : path;
        if (!resolved.startsWith('..') && !folderNames.has(resolved.split('/')[0])) report(match.index, match[0], 'names a file in a folder the repository does not have');
      } else if (!exists(path) && !exists(posix.join(folder, path)) && !repository.paths.some((other) => other.endsWith(`/${path}`))) {
        report(match.index, match[0], 'names a file that does not exist in the repository');
      }
    }
    if (!isTest) {
      for (const match of scanned.matchAll(ROOT_PATH)) {
        // A build output (`…/dist`) is made by a build, never committed.
        if (!exists(match[0]) && !BUILD_OUTPUT.test(match[0])) report(match.index, match[0], 'names a path that does not exist in the repository');
      }
      for (const match of scanned.matchAll(DOC_ANCHOR)) {
        const target = match[1].includes('/') || !file.endsWith('.md') ? match[1] : posix.join(folder, match[1]);
        if (files.has(target) && !anchorsOf(target).has(match[2])) report(match.index, match[0], `has no heading #${match[2]}`);
      }
    }
    if (file.endsWith('.md')) {
      for (const match of scanned.matchAll(MARKDOWN_LINK)) {
        const [path, anchor] = match[1].split('#');
        if (/^[a-z]+:/i.test(path)) continue;
        const target = path === '' ? file : posix.join(folder, path);
        if (target.startsWith('..')) continue; // reported as climbing out
        if (!exists(target)) report(match.index, match[1], 'links to a file that does not exist');
        else if (anchor && target.endsWith('.md') && !anchorsOf(target).has(anchor)) report(match.index, match[1], `links to a heading that does not exist (#${anchor})`);
      }
    }

    findings.sort((x, y) => x.index - y.index);
    for (const { index, reference, problem } of findings) problems.push({ file, line: text.slice(0, index).split('\n').length, reference, problem });
  }
  return problems;
}

export function formatProblem({ file, line, reference, problem }: ReferenceProblem): string {
  return `${file}:${line}: "${reference}" ${problem}`;
}
