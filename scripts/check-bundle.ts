/**
 * `npm run check:bundle`: bundles src/index.ts as `forge deploy` packages the back end for the
 * manifest's Node runtime — one CommonJS file with every dependency inside, for the runtime's Node
 * version — then loads the bundle in a plain Node process (no tsx, no node_modules, no Forge
 * runtime globals) and checks it exports every handler manifest.yml names. This catches what only a
 * deploy would show: an import that does not resolve, code that needs TypeScript at run time, a
 * dependency that touches the Forge runtime while loading, a handler renamed in src/ but not in the
 * manifest. Forge's own bundler is webpack; esbuild with the same target and format stands in.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { parse } from 'yaml';

interface Manifest {
  app: { runtime: { name: string } };
  modules: { function?: Array<{ key: string; handler: string }> };
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as Manifest;
  const runtime = /^nodejs(\d+)\.x$/.exec(manifest.app.runtime.name);
  if (!runtime) throw new Error(`app.runtime.name must be nodejsNN.x (got ${manifest.app.runtime.name})`);
  const out = mkdtempSync(path.join(os.tmpdir(), 'relay-bundle-'));
  try {
    const outfile = path.join(out, 'index.js');
    const result = await build({ entryPoints: [path.join(root, 'src/index.ts')], bundle: true, platform: 'node', target: `node${runtime[1]}`, format: 'cjs', outfile, logLevel: 'silent', metafile: true });
    for (const warning of result.warnings) console.log(`warning ${warning.text}`);
    // A separate process from outside the repository: only the bundle and Node's own modules exist there.
    const probe = spawnSync(process.execPath, ['-e', `process.stdout.write(JSON.stringify(Object.keys(require(${JSON.stringify(outfile)}))))`], { cwd: out, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    if (probe.status !== 0) throw new Error(`the bundle does not load in plain Node:\n${probe.stderr}`);
    const exported = new Set(JSON.parse(probe.stdout) as string[]);
    const missing = (manifest.modules.function ?? []).filter((f) => !exported.has(f.handler.replace(/^index\./, '')) || !f.handler.startsWith('index.'));
    for (const f of missing) console.log(`error function ${f.key}: the bundle exports no ${f.handler}`);
    const kb = (statSync(outfile).size / 1024).toFixed(0);
    console.log(`bundle: ${kb} KB for nodejs${runtime[1]}.x, ${Object.keys(result.metafile.inputs).length} modules, exports ${[...exported].sort().join(', ')}`);
    console.log(missing.length > 0 ? 'bundle check: FAILED' : 'bundle check: ok (loads in plain Node, exports every handler manifest.yml names)');
    process.exitCode = missing.length > 0 ? 1 : 0;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
