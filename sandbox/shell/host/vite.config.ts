import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The shell's own browser code (not part of the app, never deployed): one ES module the shell page
 * loads, drawing UI Kit trees and the dashboard pages with the Atlassian design system. Library mode
 * gives a stable file name (dist/shell-host.js) for the page's <script type="module">.
 */
export default defineConfig({
  root: here,
  plugins: [react()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: path.join(here, '..', 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    lib: { entry: path.join(here, 'main.tsx'), formats: ['es'], fileName: () => 'shell-host.js', cssFileName: 'shell-host' },
  },
});
