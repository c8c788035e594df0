// `npm run chaos [-- --minutes N]`: the chaos run (see chaos-run.ts). Bounded: it stops by itself.
// Prints what happens, a table per fault and ends with the line
// `chaos: <N> events, <L> lost, <D> applied twice, <Q> dead-lettered, <E> unexpected 5xx, <F> faults injected`.
import { parseArgs } from 'node:util';
import { formatReport, passed, runChaos } from './chaos-run';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '4' } } });
  const minutes = Number(values.minutes);
  if (!Number.isFinite(minutes) || minutes < 1.5 || minutes > 120) {
    console.error('usage: npm run chaos [-- --minutes N]   (1.5 to 120; default 4)');
    return 2;
  }
  const time = () => new Date().toISOString().slice(11, 19);
  const report = await runChaos({
    minutes,
    faults: ['kill', 'postgres', 'redis', 'broker'],
    repeat: minutes >= 6,
    log: (line) => console.log(`${time()} ${line}`),
  });
  for (const line of formatReport(report)) console.log(line);
  return passed(report) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
