import path from 'node:path';
import { budgetVerdicts, entrySizes, readViteManifest, verdictLine } from '../../bench/bundle';
import { ensureStaticBuilt, STATIC_ENTRIES } from '../../sandbox/shell/build-static';
import { ROOT } from '../support/shell-session';

/**
 * Issue 12 item 12: every Custom UI entry of the build the browser tests load stays within its
 * initial-JavaScript budget (bench/budgets.ts), the settings page included. Lives with the browser
 * tests because it needs the built static/dist they build.
 */
describe('the Custom UI build', () => {
  it('loads every entry within its initial JavaScript budget', () => {
    ensureStaticBuilt(ROOT);
    const dist = path.join(ROOT, 'static', 'dist');
    const manifest = readViteManifest(dist);
    if (!manifest) throw new Error('static/dist has no Vite manifest');
    const verdicts = budgetVerdicts(entrySizes(dist, manifest));
    for (const verdict of verdicts) console.log(verdictLine(verdict));
    expect(verdicts.map((v) => v.entry).sort()).toEqual(STATIC_ENTRIES.map((e) => `${e}.html`).sort());
    expect(verdicts.filter((v) => !v.within).map(verdictLine)).toEqual([]);
  });
});
