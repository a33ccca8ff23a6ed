import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import type { EntityDefinition } from '../platform/types';

/** The parts of manifest.yml the sandbox acts on. Anything else is read by @forge/manifest's validator. */
export interface AppManifest {
  root: string;
  raw: Record<string, unknown>;
  modules: Record<string, Array<Record<string, unknown>>>;
  functions: Map<string, { handler: string; timeoutSeconds?: number }>;
  resources: Map<string, { path: string; entry?: Record<string, string> }>;
  entities: EntityDefinition[];
  translations: Record<string, unknown>;
}

export function loadManifest(root: string): AppManifest {
  const raw = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as Record<string, unknown>;
  const modules = (raw.modules ?? {}) as Record<string, Array<Record<string, unknown>>>;
  const functions = new Map<string, { handler: string; timeoutSeconds?: number }>();
  for (const fn of modules.function ?? []) {
    functions.set(String(fn.key), { handler: String(fn.handler), ...(typeof fn.timeoutSeconds === 'number' ? { timeoutSeconds: fn.timeoutSeconds } : {}) });
  }
  const resources = new Map<string, { path: string; entry?: Record<string, string> }>();
  for (const res of (raw.resources ?? []) as Array<Record<string, unknown>>) {
    resources.set(String(res.key), { path: path.join(root, String(res.path)), ...(res.entry ? { entry: res.entry as Record<string, string> } : {}) });
  }
  const app = (raw.app ?? {}) as { storage?: { entities?: EntityDefinition[] } };
  const translations = (raw.translations ?? {}) as { resources?: Array<{ key: string; path: string }>; fallback?: { default?: string } };
  const fallbackKey = translations.fallback?.default ?? 'en-US';
  const fallback = translations.resources?.find((r) => r.key === fallbackKey);
  const strings = fallback ? (JSON.parse(readFileSync(path.join(root, fallback.path), 'utf8')) as Record<string, unknown>) : {};
  return { root, raw, modules, functions, resources, entities: app.storage?.entities ?? [], translations: strings };
}

/** Resolves a manifest text that may be a plain string or `{ i18n: 'a.b.c' }` against the fallback locale. */
export function resolveText(manifest: AppManifest, value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'i18n' in value) {
    const key = String((value as { i18n: unknown }).i18n);
    let current: unknown = manifest.translations;
    for (const part of key.split('.')) current = current && typeof current === 'object' ? (current as Record<string, unknown>)[part] : undefined;
    return typeof current === 'string' ? current : key;
  }
  return '';
}

/**
 * What `forge deploy` ships of the manifest's `translations` next to the code: a `__LOCALES__`
 * folder with `i18n-info.json` (the locales and fallbacks) and one `<locale>.json` per resource,
 * which `i18n.createTranslationFunction` in @forge/api reads from the runtime's `appCodeDir`.
 * Returns that code directory: one per content (hash-named, written by rename), so concurrent
 * sandboxes share it and none sees a half-written file.
 */
export function deployTranslations(manifest: AppManifest): string {
  const translations = (manifest.raw.translations ?? {}) as { resources?: Array<{ key: string; path: string }>; fallback?: Record<string, unknown> };
  const resources = (translations.resources ?? []).map((r) => ({ key: r.key, text: readFileSync(path.join(manifest.root, r.path), 'utf8') }));
  const info = { translations: {}, config: { locales: resources.map((r) => r.key), fallback: translations.fallback ?? { default: 'en-US' } } };
  const files = [{ name: 'i18n-info.json', text: JSON.stringify(info) }, ...resources.map((r) => ({ name: `${r.key}.json`, text: r.text }))];
  const hash = createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 16);
  const codeDir = path.join(tmpdir(), `relay-sandbox-code-${hash}`);
  const folder = path.join(codeDir, '__LOCALES__');
  if (existsSync(path.join(folder, 'i18n-info.json'))) return codeDir;
  mkdirSync(folder, { recursive: true });
  // i18n-info.json last: its presence says the folder is complete.
  for (const file of [...files.slice(1), files[0]!]) {
    const temp = path.join(folder, `${file.name}.${process.pid}.tmp`);
    writeFileSync(temp, file.text);
    renameSync(temp, path.join(folder, file.name));
  }
  return codeDir;
}
