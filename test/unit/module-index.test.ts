import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * docs/modules.md is the index from each manifest module to its code (issue 13: any module's code
 * two steps away). It stays true: every module key of the manifest has a row, every function its
 * handler export, and every path the page names exists.
 */
const root = path.resolve(__dirname, '../..');
const page = readFileSync(path.join(root, 'docs/modules.md'), 'utf8');
const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as {
  modules: Record<string, Array<{ key: string; function?: string; handler?: string }>>;
};

describe('docs/modules.md, the index from manifest modules to code', () => {
  const modules = Object.entries(manifest.modules).filter(([type]) => type !== 'function');
  it.each(modules.flatMap(([type, list]) => list.map((m) => [type, m.key] as const)))('%s %s has a row', (_type, key) => {
    expect(page).toContain(`| \`${key}\` |`);
  });

  it('names every function with its handler export', () => {
    for (const fn of manifest.modules.function ?? []) expect(page).toContain(`\`${fn.key}\` → \`${fn.handler!.replace(/^index\./, '')}\``);
  });

  it('names only paths that exist', () => {
    const paths = [...page.matchAll(/`((?:src|static|locales|test|sandbox)\/[^`\s<]*)`/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(30);
    expect(paths.filter((p) => !existsSync(path.join(root, p)))).toEqual([]);
  });
});
