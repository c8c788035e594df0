// Capture mode of bench:http, preloaded into the units service (NODE_OPTIONS=--require) only by the
// benchmark. Every SQL statement a request marked with the `x-capture-sql: <tag>` header sends through
// `pg` (TypeORM's driver) is appended, with its parameters and in order, as one JSON line to the
// file named by HEARTH_CAPTURE_SQL (with its name if it is a prepared statement). The request is tracked with AsyncLocalStorage from the HTTP
// server's 'request' event to pg's Client#query; requests without the header (the measured load)
// pay one header lookup, statements outside any request (outbox relay, sweeps) are never recorded.
'use strict';
const { AsyncLocalStorage } = require('node:async_hooks');
const { appendFileSync } = require('node:fs');
const http = require('node:http');

const file = process.env.HEARTH_CAPTURE_SQL;
if (file) {
  const pg = require(require.resolve('pg', { paths: [process.cwd()] }));
  const request = new AsyncLocalStorage();

  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, incoming) {
    const tag = event === 'request' ? incoming.headers['x-capture-sql'] : undefined;
    if (typeof tag === 'string') return request.run(tag, () => emit.apply(this, arguments));
    return emit.apply(this, arguments);
  };

  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, values) {
    const tag = request.getStore();
    if (tag !== undefined) {
      const text = typeof config === 'string' ? config : config.text;
      const parameters = Array.isArray(values) ? values : typeof config === 'object' ? config.values : undefined;
      // A named (prepared) statement keeps its name, so that the bare server prepares it too.
      const name = typeof config === 'object' && typeof config.name === 'string' ? config.name : undefined;
      appendFileSync(file, `${JSON.stringify({ tag, name, text, values: parameters ?? [] })}\n`);
    }
    return query.apply(this, arguments);
  };
}
