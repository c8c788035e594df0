import { load, YAML11_SCHEMA } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  healthcheck?: { test: string[] | string };
  deploy?: { resources?: { limits?: { cpus?: string; memory?: string } } };
  restart?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** docker-compose.yml as parsed YAML (anchors and merge keys resolved). */
export function readCompose(): ComposeFile {
  // YAML 1.1, as Compose reads it: merge keys (`<<: *service`) included.
  return load(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { schema: YAML11_SCHEMA }) as ComposeFile;
}
