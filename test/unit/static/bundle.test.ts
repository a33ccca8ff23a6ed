import type { EntrySize } from '../../../bench/bundle';
import { budgetVerdicts, lazyClosure, staticClosure, verdictLine } from '../../../bench/bundle';
import { ENTRY_BUDGETS_GZIP } from '../../../bench/budgets';
import { STATIC_ENTRIES } from '../../../sandbox/shell/build-static';

/** The bench's "initial JavaScript" walk over Vite's build manifest (bench/bundle.ts). */
const manifest = {
  'project-page.html': { file: 'assets/project-page.js', isEntry: true, imports: ['_mount.js'], dynamicImports: ['src/Board.tsx', 'src/Enable.tsx'] },
  '_mount.js': { file: 'assets/mount.js', imports: ['_runtime.js'] },
  '_runtime.js': { file: 'assets/runtime.js' },
  'src/Board.tsx': { file: 'assets/Board.js', isDynamicEntry: true, imports: ['_mount.js', '_dnd.js'] },
  '_dnd.js': { file: 'assets/dnd.js' },
  'src/Enable.tsx': { file: 'assets/Enable.js', isDynamicEntry: true, dynamicImports: ['src/Later.tsx'] },
  'src/Later.tsx': { file: 'assets/Later.js', isDynamicEntry: true },
  'settings.html': { file: 'assets/settings.js', isEntry: true, imports: ['_mount.js', '_dnd.js'] },
};

describe('the bundle figures', () => {
  it('count an entry, its static imports and theirs as the initial load, each chunk once', () => {
    expect(staticClosure(manifest, 'project-page.html')).toEqual(['project-page.html', '_mount.js', '_runtime.js']);
    expect(staticClosure(manifest, 'settings.html')).toEqual(['settings.html', '_mount.js', '_runtime.js', '_dnd.js']);
  });

  it('count lazy chunks (and what only they import) apart, never a chunk the entry already loaded', () => {
    expect(lazyClosure(manifest, 'project-page.html').sort()).toEqual(['_dnd.js', 'src/Board.tsx', 'src/Enable.tsx', 'src/Later.tsx']);
    expect(lazyClosure(manifest, 'settings.html')).toEqual([]);
  });
});

describe('the bundle budgets', () => {
  const size = (entry: string, kb: number): EntrySize => ({ entry, files: [], bytes: 0, gzipBytes: kb * 1024, lazyBytes: 0, lazyGzipBytes: 0, cssBytes: 0 });

  it('give every Custom UI entry the build makes a budget: 250 KB for pages, 150 KB for gadgets', () => {
    expect(Object.keys(ENTRY_BUDGETS_GZIP).sort()).toEqual(STATIC_ENTRIES.map((e) => `${e}.html`).sort());
    for (const entry of STATIC_ENTRIES) expect(ENTRY_BUDGETS_GZIP[`${entry}.html`]).toBe(entry.endsWith('-gadget') ? 150 * 1024 : 250 * 1024);
  });

  it('judge each entry against its own budget, and an entry without one as failing', () => {
    const verdicts = budgetVerdicts([size('settings.html', 276), size('admin.html', 220), size('pipeline-gadget.html', 151), size('new-page.html', 10)]);
    expect(verdicts.map((v) => [v.entry, v.within])).toEqual([
      ['settings.html', false],
      ['admin.html', true],
      ['pipeline-gadget.html', false],
      ['new-page.html', false],
    ]);
    expect(verdicts.map(verdictLine)).toEqual([
      'settings initial JS: 276.0 KB gzip (OVER the 250 KB budget)',
      'admin initial JS: 220.0 KB gzip (within the 250 KB budget)',
      'pipeline-gadget initial JS: 151.0 KB gzip (OVER the 150 KB budget)',
      'new-page initial JS: 10.0 KB gzip (NO BUDGET: add one to ENTRY_BUDGETS_GZIP in bench/budgets.ts)',
    ]);
  });
});
