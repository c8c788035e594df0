// Runs TypeScript sources directly: SWC transpiles (keeping decorator metadata for Nest),
// tsconfig-paths resolves the @hearth/* aliases of tsconfig.base.json.
const path = require('node:path');
process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || path.join(__dirname, '..', 'tsconfig.json');
require('ts-node').register({ swc: true, transpileOnly: true });
require('tsconfig-paths/register');
