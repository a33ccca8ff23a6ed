import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Lints `source` as if it were the file `file` of the project, with the project's own ESLint config. */
function lint(file: string, source: string): Array<{ line: number; ruleId: string | null }> {
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', file], { cwd: root, input: source, encoding: 'utf8' });
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ line: number; ruleId: string | null }> }>;
  return result!.messages.map(({ line, ruleId }) => ({ line, ruleId }));
}

// Issue 13: no @forge/*, Date.now() or randomUUID in src/usecases; time and ids come in through the Clock and Ids ports.
const PROBE = [
  "import { kvs } from '@forge/kvs';",
  "import api from '@forge/api';",
  "import { randomUUID } from 'node:crypto';",
  'export const at = Date.now();',
  'export const clock = Date.now;',
  'export const today = new Date();',
  'export const id = randomUUID();',
  'export const other = crypto.randomUUID();',
  'export const uses = [kvs, api];',
  "export const fine = new Date('2026-01-01').getTime();",
].join('\n');

describe('the use cases’ boundary (eslint.config.mjs)', () => {
  it('refuses the platform, the wall clock and random ids in src/usecases, and nothing else in the probe', () => {
    const found = lint('src/usecases/probe.ts', PROBE);
    expect(found.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line)).toEqual([1, 2]);
    expect([...new Set(found.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.line))]).toEqual([3, 4, 5, 6, 7, 8]);
    expect(found.filter((m) => m.ruleId !== 'no-restricted-imports' && m.ruleId !== 'no-restricted-syntax')).toEqual([]);
  }, 60_000);

  it('refuses adapters and entry points in src/usecases, and lets the ports in', () => {
    const probe = [
      "import { readDeal } from '../adapters/kvs/deal-store';",
      "import { compose } from '../handlers/compose';",
      "import { dealStore } from '../ports/registry';",
      "import { WriteRefused } from '../ports/failures';",
      'export const uses = [readDeal, compose, dealStore, WriteRefused];',
    ].join('\n');
    const found = lint('src/usecases/probe.ts', probe);
    expect(found.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line)).toEqual([1, 2]);
    expect(found.filter((m) => m.ruleId !== 'no-restricted-imports')).toEqual([]);
  }, 60_000);

  it('keeps src/ports free of adapters and SDK calls; an SDK type may be named', () => {
    const probe = [
      "import type { kvs } from '@forge/kvs';",
      "import api from '@forge/api';",
      "import { readDeal } from '../adapters/kvs/deal-store';",
      "import { updateDeal } from '../usecases/deals/update-deal';",
      "import type { Deal } from '../domain/deal';",
      'export type Builder = ReturnType<typeof kvs.transact>;',
      'export const uses = [api, readDeal, updateDeal];',
      'export type Record = Deal;',
    ].join('\n');
    const found = lint('src/ports/probe.ts', probe);
    expect(found.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.line)).toEqual([2, 3, 4]);
    expect(found.filter((m) => m.ruleId !== '@typescript-eslint/no-restricted-imports')).toEqual([]);
  }, 60_000);
});
