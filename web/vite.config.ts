import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w web` serves the app with hot reload and sends the API's paths to a running `npm start`.
const API = process.env.SIGAP_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // the page's CSP allows no inline script: keep every asset a file
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
    // the citizen app, and the monitoring room (/monitor, its own page and bundle)
    rollupOptions: { input: { main: 'index.html', monitor: 'monitor.html' } },
  },
  server: {
    proxy: Object.fromEntries(['/api', '/media', '/openapi.json', '/healthz'].map((p) => [p, API])),
  },
});
