import type { JqlQuery } from './ast';
import type { JqlIssue } from './environment';

// ORDER BY: the fields a search can sort on and the total order its pages follow.

type Comparator = (a: JqlIssue, b: JqlIssue) => number;

const byNumber = (get: (i: JqlIssue) => number | null): Comparator => (a, b) => {
  const x = get(a);
  const y = get(b);
  if (x === y) return 0;
  // Empty values sort after every value in ascending order.
  if (x === null) return 1;
  if (y === null) return -1;
  return x - y;
};
const byText = (get: (i: JqlIssue) => string): Comparator => (a, b) => get(a).localeCompare(get(b), 'en', { sensitivity: 'base' });
const byKey: Comparator = (a, b) => a.projectKey.localeCompare(b.projectKey) || a.number - b.number;
const byId: Comparator = (a, b) => Number(a.id) - Number(b.id);
const CATEGORY_ORDER = { new: 0, indeterminate: 1, done: 2 } as const;

const SORTABLE: Record<string, Comparator> = {
  key: byKey,
  issuekey: byKey,
  id: byId,
  created: byNumber((i) => i.created),
  updated: byNumber((i) => i.updated),
  duedate: byNumber((i) => i.duedate),
  summary: byText((i) => i.summary),
  status: byText((i) => i.statusName),
  statuscategory: (a, b) => CATEGORY_ORDER[a.statusCategory] - CATEGORY_ORDER[b.statusCategory],
  issuetype: byText((i) => i.issueTypeName),
  type: byText((i) => i.issueTypeName),
  project: byText((i) => i.projectKey),
};

export function compileOrder(query: JqlQuery, errors: string[]): Comparator {
  // Without ORDER BY the newest issues come first (assumed; the enhanced search does not document its default).
  const keys = query.orderBy.length > 0 ? query.orderBy : [{ field: 'created', direction: 'DESC' as const, position: 0 }];
  const parts: Comparator[] = [];
  for (const key of keys) {
    const cmp = SORTABLE[key.field.toLowerCase()];
    if (!cmp) {
      errors.push(`Not able to sort using field '${key.field}'.`);
      continue;
    }
    parts.push(key.direction === 'DESC' ? (a, b) => cmp(b, a) : cmp);
  }
  // A total order keeps pages stable: the last tie-break is the issue id, newest first.
  parts.push((a, b) => byId(b, a));
  return (a, b) => {
    for (const cmp of parts) {
      const r = cmp(a, b);
      if (r !== 0) return r;
    }
    return 0;
  };
}
