import { formatReport, runChaos } from './chaos-run';

/**
 * The short chaos run: one fault of each kind (a service killed and restarted, PostgreSQL stopped,
 * Redis stopped, the broker frozen) while real use cases run; nothing may be lost, applied twice or
 * dead-lettered, no 5xx other than a 503 during an outage, every read model equal to its source,
 * nothing overdue. `npm run chaos` is the longer version.
 */
describe('the platform under faults (short chaos run)', () => {
  it('loses nothing, applies nothing twice, dead-letters nothing and answers no unexpected 5xx', async () => {
    const lines: string[] = [];
    const report = await runChaos({ minutes: 2.5, faults: ['kill', 'postgres', 'redis', 'broker'], repeat: false, log: (line) => lines.push(line) });
    const printed = formatReport(report);
    process.stdout.write(`${[...lines, ...printed].join('\n')}\n`);

    expect(report.faults.map((fault) => fault.kind)).toEqual(['kill', 'postgres', 'redis', 'broker']);
    expect(report.reconciliation.events).toBeGreaterThan(100);
    expect(printed.at(-1)).toMatch(new RegExp(`^chaos: ${report.reconciliation.events} events, 0 lost, 0 applied twice, 0 dead-lettered, 0 unexpected 5xx, 4 faults injected$`));
    expect(report.reconciliation.readModelMismatches).toEqual([]);
    expect(report.reconciliation.overdue).toEqual([]);
    expect(report.reconciliation.unpublished).toBe(0);
    expect(report.reconciliation.held).toBe(0);
    for (const fault of report.faults) expect({ fault: fault.kind, recovered: fault.recoveryMs !== null }).toEqual({ fault: fault.kind, recovered: true });
  }, 900_000);
});
