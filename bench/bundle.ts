import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { ENTRY_BUDGETS_GZIP, GADGET_BUDGET_GZIP, PROJECT_PAGE_BUDGET_GZIP, ids } from './budgets';
import { record } from './figures';

/**
 * The JavaScript each Custom UI entry loads before it can paint: its entry chunk and, transitively,
 * every chunk it imports statically. Lazy chunks (subpages behind `import()`) load later and are
 * reported apart. Read from Vite's build manifest (static/vite.config.ts sets `build.manifest`).
 */
const ManifestChunk = z.object({
  file: z.string(),
  src: z.string().optional(),
  isEntry: z.boolean().optional(),
  isDynamicEntry: z.boolean().optional(),
  imports: z.array(z.string()).optional(),
  dynamicImports: z.array(z.string()).optional(),
  css: z.array(z.string()).optional(),
});
const ViteManifest = z.record(z.string(), ManifestChunk);
type ViteManifest = z.infer<typeof ViteManifest>;

export interface EntrySize {
  /** The HTML entry, e.g. `project-page.html`. */
  entry: string;
  /** Files of the initial JavaScript, entry chunk first. */
  files: string[];
  bytes: number;
  gzipBytes: number;
  /** Lazy chunks reachable from the entry (not in the initial load). */
  lazyBytes: number;
  lazyGzipBytes: number;
  cssBytes: number;
}

export { ENTRY_BUDGETS_GZIP, GADGET_BUDGET_GZIP, PROJECT_PAGE_BUDGET_GZIP };

export interface BudgetVerdict {
  entry: string;
  gzipBytes: number;
  /** Null when the entry has no budget (a new entry someone forgot to budget). */
  budgetBytes: number | null;
  within: boolean;
}

/** Every entry against its budget; an entry without one is never within. */
export function budgetVerdicts(sizes: readonly EntrySize[], budgets: Readonly<Record<string, number>> = ENTRY_BUDGETS_GZIP): BudgetVerdict[] {
  return sizes.map((s) => {
    const budget = budgets[s.entry] ?? null;
    return { entry: s.entry, gzipBytes: s.gzipBytes, budgetBytes: budget, within: budget !== null && s.gzipBytes <= budget };
  });
}

/** One bench line per entry: "settings initial JS: 122.4 KB gzip (within the 250 KB budget)". */
export function verdictLine(v: BudgetVerdict): string {
  const name = v.entry.replace(/\.html$/, '');
  const size = `${(v.gzipBytes / 1024).toFixed(1)} KB gzip`;
  if (v.budgetBytes === null) return `${name} initial JS: ${size} (NO BUDGET: add one to ENTRY_BUDGETS_GZIP in bench/budgets.ts)`;
  return `${name} initial JS: ${size} (${v.within ? 'within' : 'OVER'} the ${v.budgetBytes / 1024} KB budget)`;
}

/** Manifest keys reachable through static imports (the entry itself included), in load order. */
export function staticClosure(manifest: ViteManifest, entryKey: string): string[] {
  const seen: string[] = [];
  const visit = (key: string) => {
    if (seen.includes(key) || !manifest[key]) return;
    seen.push(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  visit(entryKey);
  return seen;
}

/** Chunks reachable only through `import()` from the entry's static closure (and their own imports). */
export function lazyClosure(manifest: ViteManifest, entryKey: string): string[] {
  const initial = new Set(staticClosure(manifest, entryKey));
  const lazy = new Set<string>();
  const queue = [...initial].flatMap((key) => manifest[key]?.dynamicImports ?? []);
  while (queue.length > 0) {
    const key = queue.shift() as string;
    if (initial.has(key) || lazy.has(key) || !manifest[key]) continue;
    lazy.add(key);
    queue.push(...(manifest[key]?.imports ?? []), ...(manifest[key]?.dynamicImports ?? []));
  }
  return [...lazy];
}

export function readViteManifest(dist: string): ViteManifest | null {
  const file = path.join(dist, '.vite', 'manifest.json');
  if (!existsSync(file)) return null;
  return ViteManifest.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function entrySizes(dist: string, manifest: ViteManifest): EntrySize[] {
  const size = (file: string) => {
    const content = readFileSync(path.join(dist, file));
    return { bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  };
  return Object.entries(manifest)
    .filter(([key, chunk]) => chunk.isEntry && key.endsWith('.html'))
    .map(([key]) => {
      const initial = staticClosure(manifest, key).map((k) => manifest[k]?.file ?? k);
      const lazy = lazyClosure(manifest, key).map((k) => manifest[k]?.file ?? k);
      const css = [...new Set(staticClosure(manifest, key).flatMap((k) => manifest[k]?.css ?? []))];
      const sum = (files: string[]) => files.map(size).reduce((a, b) => ({ bytes: a.bytes + b.bytes, gzipBytes: a.gzipBytes + b.gzipBytes }), { bytes: 0, gzipBytes: 0 });
      const initialSize = sum(initial);
      const lazySize = sum(lazy);
      return { entry: key, files: initial, bytes: initialSize.bytes, gzipBytes: initialSize.gzipBytes, lazyBytes: lazySize.bytes, lazyGzipBytes: lazySize.gzipBytes, cssBytes: sum(css).bytes };
    })
    .sort((a, b) => a.entry.localeCompare(b.entry));
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(8);

/** The bench's lines: one per entry, initial JS raw and gzip, lazy JS, CSS; then every entry against its budget. */
export function bundleReport(dist: string): string[] {
  if (!existsSync(dist)) return ['static/dist is missing: run `npm run build` first'];
  const manifest = readViteManifest(dist);
  if (!manifest) return ['static/dist/.vite/manifest.json is missing: build with build.manifest (static/vite.config.ts)'];
  const sizes = entrySizes(dist, manifest);
  const lines = [['entry'.padEnd(22), 'initial JS KB'.padStart(14), 'gzip KB'.padStart(9), 'chunks'.padStart(7), 'lazy JS KB'.padStart(11), 'lazy gzip'.padStart(10), 'CSS KB'.padStart(8)].join(' ')];
  for (const s of sizes) {
    lines.push([s.entry.padEnd(22), kb(s.bytes).padStart(14), kb(s.gzipBytes).padStart(9), String(s.files.length).padStart(7), kb(s.lazyBytes).padStart(11), kb(s.lazyGzipBytes).padStart(10), kb(s.cssBytes).padStart(8)].join(' '));
  }
  for (const verdict of budgetVerdicts(sizes)) lines.push(verdictLine(verdict));
  for (const s of sizes) record(ids.bundle(s.entry), s.gzipBytes / 1024);
  return lines;
}
