// The web console's production build: services/console/dist, served by the gateway at /.
// No inline script or style anywhere (the gateway's Content-Security-Policy forbids them).
import react from '@vitejs/plugin-react';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: process.env.CONSOLE_OUT_DIR ?? join(root, 'dist'),
    emptyOutDir: true,
    // No inlined module-preload polyfill (an inline script would break the CSP).
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/auth': 'http://127.0.0.1:3000', '/events': 'http://127.0.0.1:3000' } },
});
