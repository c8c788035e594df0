import { EntityManager } from 'typeorm';
import type { CensusJson } from './solve-off-the-event-loop';

/** Small enough that the driver copies and sends one in well under a millisecond. */
const PIECE_BYTES = 1 << 20;

/**
 * Writes a run's census inside the caller's transaction. For a large waitlist it is tens of
 * megabytes: sent as one parameter, the driver would copy all of it in one go on the event loop.
 * So each field goes as 1 MB pieces of its UTF-8 JSON (a statement each, into a table dropped at
 * commit), and PostgreSQL joins them and checks them as JSON itself.
 */
export async function insertCensus(manager: EntityManager, runId: string, census: CensusJson): Promise<void> {
  await manager.query('CREATE TEMPORARY TABLE census_pieces (field text NOT NULL, n int NOT NULL, bytes bytea NOT NULL) ON COMMIT DROP');
  // Read once, right away: not worth compressing.
  await manager.query('ALTER TABLE census_pieces ALTER COLUMN bytes SET STORAGE EXTERNAL');
  for (const [field, json] of Object.entries(census) as [string, Uint8Array | null][]) {
    if (!json) continue;
    for (let n = 0, at = 0; at < json.byteLength; n++, at += PIECE_BYTES) {
      const piece = Buffer.from(json.buffer, json.byteOffset + at, Math.min(PIECE_BYTES, json.byteLength - at));
      await manager.query('INSERT INTO census_pieces (field, n, bytes) VALUES ($1, $2, $3)', [field, n, piece]);
    }
  }
  // A field without pieces (no certificate, no frontier) is NULL.
  const joined = (field: keyof CensusJson) => `(SELECT convert_from(string_agg(bytes, ''::bytea ORDER BY n), 'UTF8')::json FROM census_pieces WHERE field = '${field}')`;
  await manager.query(
    `INSERT INTO allocation_run_census (run_id, instance, household_references, result, certificate, frontier)
     VALUES ($1, ${joined('instance')}, ${joined('householdReferences')}, ${joined('result')}, ${joined('certificate')}, ${joined('frontier')})`,
    [runId],
  );
}
