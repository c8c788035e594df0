import { verifyToken } from '@hearth/auth';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoAccess, formatDemoAccess, type RoleAccess } from './demo-tokens';

const SECRET = 'a-demo-secret-of-32-characters!!';
const ANN = { id: '6f1c0e55-1111-4a4a-9b9b-000000000001', name: 'Ann Peeters', kind: 'individual' };
const DELTA = { id: '6f1c0e55-1111-4a4a-9b9b-000000000002', name: 'Woningbeheer Delta NV', kind: 'company' };

/** One fake API for every service: answers each list as the caller's role would see it. */
function fakeApis(): Promise<Server> {
  const page = (total: number, items: unknown[] = []) => ({ items, total, limit: 100, offset: 0 });
  const server = createServer((req, res) => {
    const actor = verifyToken(SECRET, (req.headers.authorization ?? '').replace('Bearer ', ''));
    const path = (req.url ?? '').split('?')[0];
    const answers: Record<string, Record<string, unknown>> = {
      sra_staff: { '/landlords': page(3, [DELTA, ANN]), '/units': page(6), '/households': page(8) },
      landlord: { '/units': page(actor.landlordId === ANN.id ? 2 : 0) },
      caseworker: { '/households': page(actor.id === 'demo-caseworker' ? 3 : 0, actor.id === 'demo-caseworker' ? [{ reference: 'HX-2222' }, { reference: 'HX-3333' }, { reference: 'HX-4444' }] : []) },
      inspector: { '/inspections': page(actor.id === 'demo-inspector' ? 3 : 0) },
      board_member: { '/board/waitlist': page(8) },
    };
    const body = answers[actor.role]?.[path];
    res.statusCode = body ? 200 : 403;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body ?? {}));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the tokens npm start prints', () => {
  let server: Server;
  let roles: RoleAccess[];

  beforeAll(async () => {
    server = await fakeApis();
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    roles = await demoAccess({ landlords: url, units: url, inspections: url, applicants: url, matching: url }, SECRET);
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('gives one token per role: staff, caseworker, the landlord of a demo owner, inspector, board member', () => {
    const actors = roles.map((role) => verifyToken(SECRET, role.token));

    expect(roles.map((role) => role.label)).toEqual(['staff', 'caseworker', 'landlord', 'inspector', 'board member']);
    expect(actors).toEqual([
      { id: 'demo-staff', role: 'sra_staff' },
      { id: 'demo-caseworker', role: 'caseworker' },
      { id: 'demo-landlord', role: 'landlord', landlordId: ANN.id },
      { id: 'demo-inspector', role: 'inspector' },
      { id: 'demo-board-member', role: 'board_member' },
    ]);
  });

  it('says which demo records each can see, as counted with its own token', () => {
    expect(roles.map((role) => role.sees)).toEqual([
      'everything: 3 owners, 6 flats, 8 households, every inspection and offer',
      'their caseload: 3 households (HX-2222, HX-3333, HX-4444); other households answer 404',
      "owner Ann Peeters: their 2 flats, agreements and inspections; other owners' records answer 404",
      'the 3 inspections assigned to demo-inspector',
      'the pseudonymised waitlist (8 households, by reference), decisions and policies',
    ]);
  });

  it('prints the services in port order and the roles aligned, each token on its own line', () => {
    const services = [
      { name: 'landlords', port: 3101, url: 'http://127.0.0.1:3101' },
      { name: 'units', port: 3102, url: 'http://127.0.0.1:3102' },
      { name: 'applicants', port: 3104, url: 'http://127.0.0.1:3104' },
      { name: 'inspections', port: 3103, url: 'http://127.0.0.1:3103' },
      { name: 'matching', port: 3105, url: 'http://127.0.0.1:3105' },
    ];
    const two: RoleAccess[] = [
      { label: 'staff', token: 'tok-staff', sees: 'everything' },
      { label: 'board member', token: 'tok-board', sees: 'the waitlist' },
    ];

    const lines = formatDemoAccess(services, two, '/repo/.hearth/logs');

    expect(lines.filter((line) => line.includes('API docs')).map((line) => line.slice(0, 36))).toEqual([
      '  landlords    http://127.0.0.1:3101',
      '  units        http://127.0.0.1:3102',
      '  inspections  http://127.0.0.1:3103',
      '  applicants   http://127.0.0.1:3104',
      '  matching     http://127.0.0.1:3105',
    ]);
    const start = lines.indexOf('A token for each role (12h), and what it can see:');
    expect(lines.slice(start + 1, start + 5)).toEqual([
      '  staff         everything',
      '                export TOKEN=tok-staff',
      '  board member  the waitlist',
      '                export TOKEN=tok-board',
    ]);
    expect(lines.at(-1)).toBe('Try one: curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:3102/units');
  });
});
