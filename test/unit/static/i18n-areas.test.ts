import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The English areas only some screens use are added when those screens' code loads (lib/areas/*.ts,
 * see lib/i18n.ts), so gadgets do not download them. A file that names one of their keys without
 * importing the area would show the raw key whenever no other loaded file had imported it: this
 * test names such files.
 */
const ROOT = path.resolve(__dirname, '../../../static/src');
const LAZY_AREAS = readdirSync(path.join(ROOT, 'lib/areas')).map((file) => file.replace(/\.ts$/, ''));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'i18n' || name === 'areas' ? [] : sources(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/** The first two segments of every key of the area (`leads.view.mine` → `leads.view`): what code names, also in built keys. */
function prefixesOf(area: string): string[] {
  const own = Object.keys(JSON.parse(readFileSync(path.join(ROOT, `i18n/en-US/${area}.json`), 'utf8')) as Record<string, string>);
  return [...new Set(own.map((key) => key.split('.').slice(0, 2).join('.')))];
}

describe('English areas loaded with the screens that use them', () => {
  it('has lazy areas to check', () => {
    expect(LAZY_AREAS).toEqual(expect.arrayContaining(['leads', 'imports', 'quality', 'setup', 'insights']));
  });

  it.each(LAZY_AREAS.map((area) => ({ area })))('every file naming a $area key imports lib/areas/$area', ({ area }) => {
    const prefixes = prefixesOf(area);
    const missing = sources(ROOT).filter((file) => {
      const text = readFileSync(file, 'utf8');
      const names = prefixes.some((prefix) => text.includes(`'${prefix}`) || text.includes(`\`${prefix}`));
      return names && !text.includes(`lib/areas/${area}'`);
    });
    expect(missing.map((file) => path.relative(ROOT, file))).toEqual([]);
  });
});
