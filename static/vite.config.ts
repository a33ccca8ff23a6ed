import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * One HTML entry per Custom UI module, all in the one `ui` resource of manifest.yml (static/dist).
 * Entries share chunks (React, @forge/bridge, the contracts), so each module loads only its own code
 * on top. `base: './'` because Forge serves the resource from a path we do not know in advance.
 */
const ENTRIES = ['project-page', 'settings', 'pipeline-gadget', 'renewals-gadget', 'admin', 'get-started'] as const;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  publicDir: path.join(root, 'public'),
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // .vite/manifest.json maps each HTML entry to its chunk and static imports: bench/run.ts reads it
    // to report each entry's initial JavaScript (what loads before any lazy subpage).
    manifest: true,
    rolldownOptions: {
      input: Object.fromEntries(ENTRIES.map((name) => [name, path.join(root, `${name}.html`)])),
    },
  },
});
