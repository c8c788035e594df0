import { mintToken, type Role } from '@hearth/auth';
import { DEMO_CASEWORKER, DEMO_INSPECTOR, type DemoUrls } from './demo-data';

/** A service as npm start lists it. */
export interface ListedService {
  name: string;
  port: number;
  url: string;
}

/** A role's token and, in words, the demo records it can see. */
export interface RoleAccess {
  label: string;
  token: string;
  sees: string;
}

type Json = Record<string, any>;

const TOKEN_LIFETIME = '12h';

/**
 * A token for each role (development only: signed with the development secret; the gateway will
 * replace them with accounts), and what each sees, counted by asking the APIs with that token.
 */
export async function demoAccess(urls: DemoUrls, jwtSecret: string): Promise<RoleAccess[]> {
  const token = (role: Role, sub: string, landlordId?: string) => mintToken(jwtSecret, { sub, role, landlordId }, TOKEN_LIFETIME);
  const get = async (base: string, path: string, bearer: string): Promise<Json> => {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
    if (!response.ok) throw new Error(`GET ${path} → ${response.status}`);
    return (await response.json()) as Json;
  };

  const staff = token('sra_staff', 'demo-staff');
  const owners = await get(urls.landlords, '/landlords?limit=100', staff);
  const owner = owners.items.find((landlord: Json) => landlord.kind === 'individual') ?? owners.items[0];
  const landlord = token('landlord', 'demo-landlord', owner?.id ?? 'none');
  const caseworker = token('caseworker', DEMO_CASEWORKER);
  const inspector = token('inspector', DEMO_INSPECTOR);
  const board = token('board_member', 'demo-board-member');

  const [units, households, ownUnits, caseload, agenda, waitlist] = await Promise.all([
    get(urls.units, '/units?limit=1', staff),
    get(urls.applicants, '/households?limit=1', staff),
    get(urls.units, '/units?limit=1', landlord),
    get(urls.applicants, '/households?limit=100', caseworker),
    get(urls.inspections, '/inspections?limit=1', inspector),
    get(urls.applicants, '/board/waitlist?limit=1', board),
  ]);
  const references = caseload.items.map((household: Json) => household.reference).join(', ');
  return [
    { label: 'staff', token: staff, sees: `everything: ${owners.total} owners, ${units.total} flats, ${households.total} households, every inspection and offer` },
    { label: 'caseworker', token: caseworker, sees: `their caseload: ${caseload.total} households (${references || 'none'}); other households answer 404` },
    { label: 'landlord', token: landlord, sees: `owner ${owner?.name ?? '(none)'}: their ${ownUnits.total} flats, agreements and inspections; other owners' records answer 404` },
    { label: 'inspector', token: inspector, sees: `the ${agenda.total} inspections assigned to ${DEMO_INSPECTOR}` },
    { label: 'board member', token: board, sees: `the pseudonymised waitlist (${waitlist.total} households, by reference), decisions and policies` },
  ];
}

/** The lines npm start prints: the services in port order, then each role's token, aligned. */
export function formatDemoAccess(services: ListedService[], roles: RoleAccess[], logDirectory: string): string[] {
  const nameWidth = Math.max(...services.map((service) => service.name.length));
  const labelWidth = Math.max(...roles.map((role) => role.label.length));
  return [
    'Hearth is running:',
    ...[...services]
      .sort((a, b) => a.port - b.port)
      .map((service) => `  ${service.name.padEnd(nameWidth)}  ${service.url}   API docs: ${service.url}/docs   health: ${service.url}/health`),
    '',
    `Logs: ${logDirectory}/<service>.log`,
    '',
    `A token for each role (${TOKEN_LIFETIME}), and what it can see:`,
    ...roles.flatMap((role) => [`  ${role.label.padEnd(labelWidth)}  ${role.sees}`, `  ${' '.repeat(labelWidth)}  export TOKEN=${role.token}`]),
    '',
    `Try one: curl -H "Authorization: Bearer $TOKEN" ${services.find((service) => service.name === 'units')?.url ?? ''}/units`,
  ];
}
