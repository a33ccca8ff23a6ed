import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };

describe('the dependency tree', () => {
  it('pins every direct dependency to an exact version', () => {
    const loose = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([, spec]) => !/^\d+\.\d+\.\d+$/.test(spec));
    expect(loose).toEqual([]);
  });

  it('holds no removed or unwanted Forge package anywhere (old storage client, UI Kit 1, the CLI)', () => {
    const installed = Object.keys(lock.packages).map((p) => p.replace(/^.*node_modules\//, ''));
    expect(installed.filter((name) => ['@forge/storage', '@forge/ui', '@forge/cli', '@forge/lint', 'keytar'].includes(name))).toEqual([]);
  });

  it('installs one @forge/api, the pinned one, for the app and every Forge package that uses it', () => {
    const apis = Object.entries(lock.packages).filter(([p]) => p.endsWith('node_modules/@forge/api'));
    expect(apis.map(([, meta]) => meta.version)).toEqual([pkg.dependencies['@forge/api']]);
  });
});
