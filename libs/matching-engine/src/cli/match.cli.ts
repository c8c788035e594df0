/** npm run -s match -- --input FILE [--mode optimal|priority] [--certificate] */
import { runMatchCommand } from './match-command';

const outcome = runMatchCommand(process.argv.slice(2));
if (outcome.stdout) process.stdout.write(outcome.stdout);
if (outcome.stderr) process.stderr.write(outcome.stderr);
process.exitCode = outcome.exitCode;
