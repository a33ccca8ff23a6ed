import { lazyClosure, staticClosure } from '../../../bench/bundle';

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
