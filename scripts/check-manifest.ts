/**
 * `npm run check:manifest`: Forge's own full manifest validation (offline, with line numbers) plus
 * Relay's rules: every handler is exported by src/, every resource exists. Run after the build,
 * because the Custom UI resource is static/dist.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validate } from '@forge/manifest';
import { parse } from 'yaml';
import { checkHandlersAndResources } from './manifest-rules';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  process.chdir(root);
  const result = await validate(false, 'manifest.yml');
  const forgeErrors = (result.errors ?? []).filter((e) => e.level === 'error');
  for (const e of result.errors ?? []) console.log(`${e.level} manifest.yml:${e.line ?? '?'} ${e.message}`);
  const manifest = parse(readFileSync('manifest.yml', 'utf8')) as Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const findings = checkHandlersAndResources(manifest, root, (file) => require(path.join(root, 'src', file)) as Record<string, unknown>);
  for (const f of findings) console.log(`error ${f.message}`);
  const failed = !result.success || forgeErrors.length > 0 || findings.length > 0;
  console.log(failed ? 'manifest check: FAILED' : 'manifest check: ok (Forge validation and Relay rules)');
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
