import { readFileSync } from 'node:fs';
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
