// `npm run rebuild-read-models -- [--service <consumer>]… [--read-model <name>]…`: rebuilds the
// read models a service keeps from other services' events, without replaying the topics' history
// (which Kafka does not keep forever). The chosen consumers empty their read models, then every
// service that owns aggregates publishes a snapshot event per aggregate; the consumers apply the
// snapshots like any event. Calls the services' admin endpoints with HEARTH_TOKEN (sra_admin); a
// service that is not running is reported and skipped.
import { SERVICES, ServiceKey } from '@hearth/testing';
import { parseArgs } from 'node:util';
import { AdminCall, adminClient, adminToken, isService, isUnreachable, runCli } from './admin-client';

const usage = 'usage: npm run rebuild-read-models -- [--service <name>]… [--read-model <name>]…  (all consumers and read models by default)';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { service: { type: 'string', multiple: true }, 'read-model': { type: 'string', multiple: true }, help: { type: 'boolean' } } });
  const unknown = (values.service ?? []).filter((name) => !isService(name));
  if (values.help || unknown.length > 0) {
    console.error(`${unknown.length ? `unknown service: ${unknown.join(', ')}\n` : ''}${usage}\nservices: ${Object.keys(SERVICES).join(', ')}`);
    return 2;
  }
  const token = adminToken();
  if (!token) return 2;

  // What each running service keeps and owns (the gateway has neither).
  const services = (Object.keys(SERVICES) as ServiceKey[]).filter((name) => name !== 'gateway');
  const described = [];
  for (const name of services) {
    const call = adminClient(name, token);
    try {
      const { readModels, snapshots } = (await call('GET', '/admin/read-models')) as { readModels: string[]; snapshots: string[] };
      described.push({ name, call, readModels, snapshots });
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      console.warn(`${name}: not reachable, skipped`);
    }
  }
  const consumers = described.filter((service) => service.readModels.length > 0 && (!values.service || values.service.includes(service.name)));
  const owners = described.filter((service) => service.snapshots.length > 0);
  if (consumers.length === 0) {
    console.error('No chosen service keeps a read model.');
    return 2;
  }

  for (const consumer of consumers) {
    const { reset } = (await consumer.call('POST', '/admin/read-models/reset', values['read-model'] ? { names: values['read-model'] } : {})) as { reset: string[] };
    console.log(`${consumer.name}: emptied ${reset.length ? reset.join(', ') : 'nothing (no read model of that name)'}`);
  }
  for (const owner of owners) console.log(`${owner.name}: published ${describePublished(await publishSnapshots(owner.call))}`);
  console.log('The consumers apply the snapshots as they arrive; GET /health and the consumer lag metrics show when they have caught up.');
  return 0;
}

async function publishSnapshots(call: AdminCall): Promise<Record<string, number>> {
  const { published } = (await call('POST', '/admin/snapshots', {})) as { published: Record<string, number> };
  return published;
}

const describePublished = (published: Record<string, number>) =>
  Object.entries(published)
    .map(([aggregateType, count]) => `${count} ${aggregateType} snapshot${count === 1 ? '' : 's'}`)
    .join(', ');

runCli(main);
