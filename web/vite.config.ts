import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API runs on the Nest app (npm start); in dev mode every path outside /console goes there.
const api = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // web/scripts/bundle-check.mjs reads the manifest to measure the first load
    manifest: true,
    sourcemap: false,
    target: 'es2022',
    // the timing report of slow plugin hooks is noise on a busy two-core machine
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: {
    port: 5173,
    proxy: { '^/(?!console(/|$)|@|src/|node_modules/)': { target: api, changeOrigin: false } },
  },
});
