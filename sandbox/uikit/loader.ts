import { readFileSync, statSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import type * as TypeScript from 'typescript';

/**
 * Loads a UI Kit resource and everything it imports (React, the reconciler, @forge/bridge, the
 * app's own modules) as a private module graph: each graph has its own module instances, so two
 * surfaces rendered in one process keep their own React roots, hooks state and bridge.
 *
 * Forge runs each UI Kit extension in its own browser sandbox, where `self` is the worker's global
 * and `self.__bridge` its bridge. Here every module of a graph is compiled as a CommonJS wrapper
 * that also takes `self`, `globalThis` and `fetch` as parameters, so the graph's code sees the
 * session's global (its `__bridge`, its `fetch`, a `Request` that resolves relative URLs against the
 * frame's origin as a browser does) without touching the process's real global.
 * This is why the loader does not go through jest's or tsx's module system: both share one
 * `globalThis` per process (or test file), and only a per-graph global lets sessions coexist.
 *
 * App sources (.ts/.tsx outside node_modules) are transpiled with TypeScript's `transpileModule`
 * (the compiler the project pins), node_modules are plain CommonJS. Compiled wrappers are cached
 * per process and reused for every graph; app sources are recompiled when their file changes.
 */

/** Real Node `require`, also under jest: typescript and builtins are shared, never re-evaluated. */
const nodeRequire = createRequire(__filename);

const WRAPPER_PARAMS = ['exports', 'require', 'module', '__filename', '__dirname', 'self', 'globalThis', 'fetch', 'Request'] as const;
type Wrapper = (...args: unknown[]) => void;

interface Compiled {
  mtimeMs: number;
  wrapper: Wrapper;
}

const compiled = new Map<string, Compiled>();
let typescript: typeof TypeScript | undefined;

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.cjs', '.json'];

function isAppSource(filename: string): boolean {
  return /\.(ts|tsx)$/.test(filename) && !filename.split(path.sep).includes('node_modules');
}

function transpile(filename: string, source: string): string {
  typescript ??= nodeRequire('typescript') as typeof TypeScript;
  const ts = typescript;
  const result = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      jsx: ts.JsxEmit.ReactJSX,
      esModuleInterop: true,
      resolveJsonModule: true,
      sourceMap: false,
    },
  });
  return result.outputText;
}

function compile(filename: string): Wrapper {
  const mtimeMs = statSync(filename).mtimeMs;
  const cached = compiled.get(filename);
  if (cached && cached.mtimeMs === mtimeMs) return cached.wrapper;
  let source = readFileSync(filename, 'utf8');
  if (filename.endsWith('.json')) {
    source = `module.exports = ${source.trim() === '' ? 'undefined' : source};`;
  } else if (isAppSource(filename)) {
    source = transpile(filename, source);
  }
  if (source.startsWith('#!')) source = `//${source}`;
  // `new Function` compiles in the realm of the caller: under jest that is the test file's realm,
  // so objects the surface creates compare and `instanceof` like the test's own.
  const body = `${source}\n//# sourceURL=${filename}`;
  const wrapper = new Function(...WRAPPER_PARAMS, body) as Wrapper;
  compiled.set(filename, { mtimeMs, wrapper });
  return wrapper;
}

function tryFile(candidate: string): string | undefined {
  try {
    return statSync(candidate).isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/** Resolves a relative or absolute path the way tsc's `node10` resolution does for the app's sources. */
function resolvePath(base: string): string | undefined {
  const exact = tryFile(base);
  if (exact) return exact;
  // `import './x.js'` in TypeScript sources may mean x.ts.
  const withoutJs = base.replace(/\.js$/, '');
  for (const ext of SOURCE_EXTENSIONS) {
    const found = tryFile(`${withoutJs}${ext}`) ?? tryFile(`${base}${ext}`);
    if (found) return found;
  }
  for (const ext of SOURCE_EXTENSIONS) {
    const found = tryFile(path.join(base, `index${ext}`));
    if (found) return found;
  }
  return undefined;
}

export class ModuleLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModuleLoadError';
  }
}

interface GraphModule {
  id: string;
  filename: string;
  path: string;
  exports: unknown;
  loaded: boolean;
  children: GraphModule[];
  paths: string[];
  require?: (request: string) => unknown;
}

/** What the graph's code sees as its global, its `fetch` and its `Request` (which, as in a browser frame, takes relative URLs). */
export interface GraphScope {
  global: typeof globalThis;
  fetch: typeof fetch;
  Request?: typeof Request;
}

/** One private module graph: every file is evaluated at most once per graph. */
export class ModuleGraph {
  private readonly cache = new Map<string, GraphModule>();

  constructor(private readonly scope: GraphScope) {}

  /** Loads `filename` (absolute) and returns its exports. */
  load(filename: string): unknown {
    const resolved = resolvePath(filename);
    if (!resolved) throw new ModuleLoadError(`Cannot find the UI Kit resource ${filename}`);
    return this.loadResolved(resolved, undefined);
  }

  /** How many modules this graph has evaluated. */
  get size(): number {
    return this.cache.size;
  }

  private resolve(request: string, from: string): string | { builtin: string } {
    if (isBuiltin(request)) return { builtin: request };
    if (request.startsWith('.') || path.isAbsolute(request)) {
      const found = resolvePath(path.resolve(path.dirname(from), request));
      if (!found) throw new ModuleLoadError(`Cannot find module '${request}' from ${from}`);
      return found;
    }
    try {
      return createRequire(from).resolve(request);
    } catch (error) {
      throw new ModuleLoadError(`Cannot find module '${request}' from ${from}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private loadResolved(filename: string, parent: GraphModule | undefined): unknown {
    const existing = this.cache.get(filename);
    if (existing) return existing.exports;
    if (filename.endsWith('.mjs')) throw new ModuleLoadError(`${filename} is an ES module; the UI Kit sandbox loads CommonJS builds only`);
    const mod: GraphModule = { id: filename, filename, path: path.dirname(filename), exports: {}, loaded: false, children: [], paths: [] };
    const requireFn = (request: string): unknown => {
      const target = this.resolve(request, filename);
      if (typeof target !== 'string') return nodeRequire(target.builtin);
      return this.loadResolved(target, mod);
    };
    const resolveFn = (request: string): string => {
      const target = this.resolve(request, filename);
      return typeof target === 'string' ? target : target.builtin;
    };
    Object.assign(requireFn, { resolve: resolveFn, cache: {} });
    mod.require = requireFn;
    this.cache.set(filename, mod);
    parent?.children.push(mod);
    try {
      compile(filename).call(mod.exports, mod.exports, requireFn, mod, filename, path.dirname(filename), this.scope.global, this.scope.global, this.scope.fetch, this.scope.Request ?? Request);
    } catch (error) {
      this.cache.delete(filename);
      throw error;
    }
    mod.loaded = true;
    return mod.exports;
  }
}

/**
 * A global for one graph: the process's global with some names answered by the session
 * (`__bridge`, `self`, `globalThis`, `fetch`). Everything else reads and writes the real global,
 * with the real global as receiver so Node's own getters keep working.
 */
export function sessionGlobal(overrides: Record<string, unknown>): typeof globalThis {
  const own = { ...overrides };
  const proxy = new Proxy(globalThis, {
    get(target, key) {
      if (Object.prototype.hasOwnProperty.call(own, key)) return Reflect.get(own, key);
      return Reflect.get(target, key);
    },
    has(target, key) {
      return Object.prototype.hasOwnProperty.call(own, key) || Reflect.has(target, key);
    },
    set(target, key, value) {
      if (Object.prototype.hasOwnProperty.call(own, key)) {
        return Reflect.set(own, key, value);
      }
      return Reflect.set(target, key, value);
    },
  });
  own.self = proxy;
  own.globalThis = proxy;
  return proxy;
}
