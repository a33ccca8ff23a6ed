import type { z } from 'zod';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import { versionedUpdate } from './edit';
import { InlineEdit } from './InlineEdit';

/** A field with a label among the record fields' messages (`records.field.*`). */
type LabelledField = MessageKey extends infer K ? (K extends `records.field.${infer N}` ? N : never) : never;

/** The change one text field's editor sends: blank clears the field, except the name (which the schema then refuses). */
export function textChange(field: string, text: string): Record<string, string | null> {
  const value = text.trim();
  return { [field]: field === 'name' ? value : value === '' ? null : value };
}

/**
 * The inline editors of a customer record's text fields (a company's or a contact's drawer). `prepare`
 * checks the update with the resolver's schema (throwing the cell's message) and answers the call to
 * make; a stale version shows what the field holds now (see versionedUpdate).
 */
export function textFacts<F extends LabelledField, R extends { version: number } & Record<F, string | null>>({
  canEdit,
  testIdPrefix,
  recordSchema,
  prepare,
  onRecord,
}: {
  canEdit: boolean;
  testIdPrefix: string;
  recordSchema: z.ZodType<R>;
  prepare: (current: R, changes: Record<string, string | null>) => () => Promise<R>;
  onRecord: (record: R) => void;
}) {
  return (current: R, field: F) => {
    const onSave = async (text: string) => {
      const send = prepare(current, textChange(field, text));
      await versionedUpdate(send, recordSchema, onRecord, (fresh) => fresh[field] ?? t('records.value.empty'));
    };
    return <InlineEdit label={t(`records.field.${field}`)} display={current[field] ?? t('common.notSet')} initial={current[field] ?? ''} canEdit={canEdit} onSave={onSave} testId={`${testIdPrefix}-${field}`} />;
  };
}
