import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Forge translates the manifest's titles from `translations.resources` by the user's Jira language:
 * every language Relay ships has every key English has (no title falls back silently), and every
 * `i18n:` key the manifest names exists.
 */
const root = path.resolve(__dirname, '../..');
const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as { translations: { resources: Array<{ key: string; path: string }> } };

function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => leaves(inner, prefix ? `${prefix}.${key}` : key));
}

const resources = manifest.translations.resources.map((r) => ({ key: r.key, keys: leaves(JSON.parse(readFileSync(path.join(root, r.path), 'utf8'))).sort() }));

describe('manifest translations', () => {
  it('ships English and German', () => {
    expect(resources.map((r) => r.key).sort()).toEqual(['de-DE', 'en-US']);
  });

  it.each(resources.filter((r) => r.key !== 'en-US').map((r) => [r.key, r.keys] as const))('%s has exactly the keys en-US has', (_locale, keys) => {
    expect(keys).toEqual(resources.find((r) => r.key === 'en-US')!.keys);
  });

  it('resolves every i18n key manifest.yml names in every language', () => {
    const named = [...readFileSync(path.join(root, 'manifest.yml'), 'utf8').matchAll(/i18n:\s*([\w.]+)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(10);
    for (const resource of resources) expect(named.filter((key) => !resource.keys.includes(key))).toEqual([]);
  });
});
