// Profiling mode of bench:http, preloaded into the units and matching services (NODE_OPTIONS=--require, which
// refuses --cpu-prof) only by the benchmark: the first SIGUSR2 starts V8's CPU profiler, the next
// one stops it and writes `<HEARTH_CPU_PROFILE_NAME>-<pid>-<n>.cpuprofile` into HEARTH_CPU_PROFILE_DIR, so the profile
// holds the measured load only (not start-up or seeding).
'use strict';
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const directory = process.env.HEARTH_CPU_PROFILE_DIR;
const name = process.env.HEARTH_CPU_PROFILE_NAME ?? 'service';
if (directory) {
  const session = new Session();
  session.connect();
  let running = false;
  let written = 0;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () => session.post('Profiler.start'));
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      if (error) return void process.stderr.write(`profile-hook: ${error.message}\n`);
      writeFileSync(join(directory, `${name}-${process.pid}-${++written}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
