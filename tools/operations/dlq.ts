// `npm run dlq -- list|replay|held --service <name> [--event <id>] [--url <service url>]`: what a
// service's consumer dead-lettered or holds, and the replay of dead letters once their cause is
// fixed (through the same inbox, so a replay is applied at most once). It calls the service's
// admin endpoints with an sra_admin token from HEARTH_TOKEN.
import { SERVICES } from '@hearth/testing';
import { adminClient, adminToken, isService, runCli } from './admin-client';
import { parseArgs } from 'node:util';

const usage = 'usage: npm run dlq -- list|replay|held --service <name> [--event <event id>] [--all] [--url <service url>]';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { service: { type: 'string' }, event: { type: 'string', multiple: true }, url: { type: 'string' }, all: { type: 'boolean' } },
  });
  const [command] = positionals;
  const service = values.service;
  if (!command || !['list', 'replay', 'held'].includes(command) || !isService(service)) {
    console.error(`${usage}\nservices: ${Object.keys(SERVICES).join(', ')}`);
    return 2;
  }
  const token = adminToken();
  if (!token) return 2;
  const call = adminClient(service, token, values.url);

  if (command === 'list' || command === 'held') {
    const rows = (await call('GET', `/admin/${command === 'list' ? 'dead-letters' : 'held-events'}?limit=100${values.all ? '&includeResolved=true' : ''}`)) as {
      id: string;
      eventId: string | null;
      eventType: string | null;
      eventVersion: number | null;
      topic: string;
      partition: number;
      offset: string;
      attempts: number;
      parkedAt: string;
      resolution: string | null;
      error: string;
    }[];
    if (rows.length === 0) console.log(`${service}: nothing ${command === 'list' ? 'dead-lettered' : 'held'}`);
    for (const row of rows) {
      console.log(
        [row.parkedAt, row.eventId ?? `row ${row.id}`, `${row.eventType ?? '?'}@${row.eventVersion ?? '?'}`, `${row.topic}[${row.partition}]@${row.offset}`, row.resolution ?? 'open', row.error].join('  '),
      );
    }
    return 0;
  }
  const { results } = (await call('POST', '/admin/dead-letters/replay', values.event ? { ids: values.event } : {})) as {
    results: { id: string; eventId: string | null; outcome: string; error?: string }[];
  };
  if (results.length === 0) console.log(`${service}: no open dead letter${values.event ? ' with that id' : ''}`);
  for (const result of results) console.log(`${result.eventId ?? `row ${result.id}`}  ${result.outcome}${result.error ? `  ${result.error}` : ''}`);
  return results.some((result) => result.outcome === 'failed') ? 1 : 0;
}

runCli(main);
