import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import citizen from './vite.config.ts';

// The staff console (staff.html → web/src/staff/), built after the citizen app into the same dist/ as a build of
// its own: one build with two inputs would move the code both use (React, i18next, the design system) into a
// shared chunk, and the citizen app's first load would grow by the chunk's glue.
export default mergeConfig(
  citizen,
  defineConfig({
    build: {
      emptyOutDir: false,
      copyPublicDir: false,
      rollupOptions: { input: fileURLToPath(new URL('staff.html', import.meta.url)) },
    },
  }),
);
