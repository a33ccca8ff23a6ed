import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A finding about manifest.yml that Forge's own validator does not make. */
export interface ManifestFinding {
  message: string;
}

/**
 * Checks that every function's handler is a function exported by its file under src/, and that
 * every resource path (and resource entry file) exists. `loadExports(file)` returns the module's
 * exports for `src/<file>`; passing it in keeps this testable against a changed manifest.
 */
export function checkHandlersAndResources(
  manifest: Record<string, unknown>,
  root: string,
  loadExports: (file: string) => Record<string, unknown>,
): ManifestFinding[] {
  const findings: ManifestFinding[] = [];
  const modules = (manifest.modules ?? {}) as Record<string, Array<Record<string, unknown>>>;
  for (const fn of modules.function ?? []) {
    const handler = String(fn.handler ?? '');
    const dot = handler.lastIndexOf('.');
    if (dot <= 0) {
      findings.push({ message: `function '${String(fn.key)}': handler '${handler}' is not <file>.<export>` });
      continue;
    }
    const file = handler.slice(0, dot);
    const exportName = handler.slice(dot + 1);
    let exports: Record<string, unknown>;
    try {
      exports = loadExports(file);
    } catch (error) {
      findings.push({ message: `function '${String(fn.key)}': cannot load src/${file} (${error instanceof Error ? error.message : String(error)})` });
      continue;
    }
    if (typeof exports[exportName] !== 'function') {
      findings.push({ message: `function '${String(fn.key)}': src/${file} does not export a function '${exportName}'` });
    }
  }
  const declaredFunctions = new Set((modules.function ?? []).map((f) => String(f.key)));
  for (const [type, list] of Object.entries(modules)) {
    if (type === 'function') continue;
    for (const mod of list) {
      const referenced = [mod.function, (mod.resolver as { function?: unknown } | undefined)?.function].filter((v): v is string => typeof v === 'string');
      for (const key of referenced) {
        if (!declaredFunctions.has(key)) findings.push({ message: `${type} '${String(mod.key)}' names function '${key}', which is not declared` });
      }
    }
  }
  const resources = new Map(((manifest.resources ?? []) as Array<{ key: string; path: string }>).map((r) => [r.key, r.path]));
  for (const [type, list] of Object.entries(modules)) {
    for (const mod of list) {
      // Jira shows these in its gadget directory and the issue view: a dashboard gadget needs its thumbnail.
      if (type === 'jira:dashboardGadget' && typeof mod.thumbnail !== 'string') findings.push({ message: `${type} '${String(mod.key)}' has no thumbnail` });
      for (const field of ['icon', 'thumbnail'] as const) {
        const value = mod[field];
        if (typeof value !== 'string' || !value.startsWith('resource:')) continue;
        const [resourceKey = '', file = ''] = value.slice('resource:'.length).split(';');
        const base = resources.get(resourceKey);
        const full = base ? path.join(root, base, file) : '';
        if (!base || !existsSync(full)) {
          findings.push({ message: `resource file ${value} (${type} '${String(mod.key)}' ${field}) does not exist` });
          continue;
        }
        const head = readFileSync(full).subarray(0, 512).toString('latin1');
        const image = /\.svg$/i.test(file) ? /<svg[^>]*viewBox=/.test(head) : /\.png$/i.test(file) ? head.startsWith('\x89PNG') : false;
        if (!image) findings.push({ message: `${type} '${String(mod.key)}' ${field}: ${file} is not an SVG with a viewBox or a PNG` });
      }
    }
  }
  for (const res of (manifest.resources ?? []) as Array<{ key: string; path: string; entry?: Record<string, string> }>) {
    const full = path.join(root, res.path);
    if (!existsSync(full)) {
      findings.push({ message: `resource '${res.key}': ${res.path} does not exist` });
      continue;
    }
    for (const [name, file] of Object.entries(res.entry ?? {})) {
      if (!existsSync(path.join(full, file))) findings.push({ message: `resource '${res.key}' entry '${name}': ${path.join(res.path, file)} does not exist` });
    }
  }
  return findings;
}
