// What a JQL clause reads of an entity property: the values at a path, as Jira indexes them.

/** Values under a dotted path of a property value; arrays contribute each element, as Jira indexes them. */
export function valuesAtPath(value: unknown, path: string): Array<string | number | boolean> {
  let current: unknown[] = [value];
  for (const segment of path.split('.')) {
    current = current.flatMap((v) => (Array.isArray(v) ? v : [v])).flatMap((v) => (v && typeof v === 'object' && !Array.isArray(v) && segment in v ? [(v as Record<string, unknown>)[segment]] : []));
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
}

/** The first value that reads as a number: what a `number` index holds. */
export function firstNumber(values: Array<string | number | boolean>): number | null {
  for (const v of values) {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isNaN(n)) return n;
  }
  return null;
}

/** The first value that reads as a date (epoch ms): what a `date` index holds. */
export function firstDate(values: Array<string | number | boolean>): number | null {
  for (const v of values) {
    const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
    if (!Number.isNaN(ms)) return ms;
  }
  return null;
}
