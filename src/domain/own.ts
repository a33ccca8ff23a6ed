/**
 * Look-ups by names that come from users (stage ids, segment values, template fields, currency
 * codes read back from storage) must see a record's own entries only: `record['constructor']` on a
 * plain object answers Object's constructor, not "nothing", and a figure computed from it is wrong.
 */
export function ownValue<V>(record: Readonly<Record<string, V>> | Partial<Record<string, V>> | undefined | null, key: string): V | undefined {
  if (!record || !Object.prototype.hasOwnProperty.call(record, key)) return undefined;
  return (record as Record<string, V>)[key];
}
