/**
 * The audit trail: every field a write changed, with its value before and after. Use cases store
 * these as system activities on the record's timeline (who and when come from the invocation), and
 * the stage history is the trail of `stageId`.
 */
export type AuditValue = string | number | boolean | null | string[];

export interface FieldChange {
  field: string;
  from: AuditValue;
  to: AuditValue;
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

function asAuditValue(value: unknown): AuditValue {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** The changes between two versions of a record, for the fields the trail follows, in the order given. */
export function fieldChanges<T extends object>(before: T | null, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = before ? before[field] : undefined;
    const to = after[field];
    if (before && same(from, to)) continue;
    if (!before && (to === null || to === undefined || (Array.isArray(to) && to.length === 0))) continue;
    changes.push({ field, from: asAuditValue(from), to: asAuditValue(to) });
  }
  return changes;
}

/** Deal fields the trail follows (bookkeeping like updatedAt and version is left out). */
export const DEAL_AUDITED_FIELDS = [
  'name', 'companyId', 'contactIds', 'amountMinor', 'currency', 'recurring', 'type', 'stageId', 'forecastOverride', 'outcome', 'lostReason',
  'closeDate', 'ownerId', 'source', 'segment', 'nextStep', 'nextStepDue', 'contractStart', 'contractEnd', 'scope', 'notSold', 'stakeholders',
  'successCriteria', 'pushCount', 'archived',
] as const;
