import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { useState } from 'react';
import type { z } from 'zod';
import type { DuplicatesSlice } from '../../../../src/contracts/duplicates';
import { COMPANY_MERGE_FIELDS, CONTACT_MERGE_FIELDS } from '../../../../src/domain/dedupe';
import { api } from '../../lib/api';
import { ErrorBanner, flagSuccess } from '../../lib/components';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import '../../lib/areas/quality';

type Slice = z.infer<typeof DuplicatesSlice>;
export type Pair = Slice['pairs'][number];
type Side = 'a' | 'b';

function shown(value: unknown, nameOf: (field: string, value: unknown) => string | undefined, field: string): string {
  const named = nameOf(field, value);
  if (named !== undefined) return named;
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object') return 'status' in (value as object) ? String((value as { status: string }).status) : JSON.stringify(value);
  return String(value);
}

/**
 * The two records side by side: which one survives, and per field whose value it keeps (the
 * survivor's by default, the other's where the survivor has none). The merge is sent with both
 * versions as read, so an edit made meanwhile comes back as a conflict to review again.
 */
export function MergeDialog({ kind, pair, canMerge, nameOf, onClose, onMerged }: { kind: 'contacts' | 'companies'; pair: Pair; canMerge: boolean; nameOf: (field: string, value: unknown) => string | undefined; onClose: () => void; onMerged: () => void }) {
  const fields: readonly string[] = kind === 'contacts' ? CONTACT_MERGE_FIELDS : COMPANY_MERGE_FIELDS;
  const records = pair as unknown as { a: Record<string, unknown> & { id: string; version: number; name: string }; b: Record<string, unknown> & { id: string; version: number; name: string } };
  const [survivor, setSurvivor] = useState<Side>('a');
  const [choice, setChoice] = useState<Record<string, Side>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const other: Side = survivor === 'a' ? 'b' : 'a';
  const sideOf = (field: string): Side => choice[field] ?? (records[survivor][field] === null && records[other][field] !== null ? other : survivor);

  const merge = async () => {
    setSaving(true);
    try {
      const picks = Object.fromEntries(fields.map((f) => [f, sideOf(f) === survivor ? 'survivor' : 'other']));
      const ref = (side: Side) => ({ id: records[side].id, version: records[side].version });
      await api.duplicates.merge({ kind, survivor: ref(survivor), other: ref(other), picks } as Parameters<typeof api.duplicates.merge>[0]);
      flagSuccess(t('quality.merge.done', { name: records[survivor].name }));
      onMerged();
    } catch (failure) {
      setError(failure);
      setSaving(false);
    }
  };

  return (
    <Modal onClose={onClose} width="large" testId="merge-dialog">
      <ModalHeader>
        <ModalTitle>{t('quality.merge.title')}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        {error ? <ErrorBanner error={error} /> : null}
        <p className="relay-muted">{t('quality.merge.help')}</p>
        <table className="relay-table relay-merge" data-testid="merge-table">
          <thead>
            <tr>
              <th scope="col">{t('quality.merge.field')}</th>
              {(['a', 'b'] as const).map((side) => (
                <th scope="col" key={side}>
                  <label>
                    <input type="radio" name="survivor" checked={survivor === side} onChange={() => setSurvivor(side)} data-testid={`merge-survivor-${side}`} /> {t('quality.merge.keep', { name: records[side].name })}
                  </label>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => (
              <tr key={field}>
                <th scope="row">{t(`records.field.${field}` as MessageKey)}</th>
                {(['a', 'b'] as const).map((side) => (
                  <td key={side}>
                    <label>
                      <input type="radio" name={`field-${field}`} checked={sideOf(field) === side} onChange={() => setChoice((c) => ({ ...c, [field]: side }))} data-testid={`merge-${field}-${side}`} /> {shown(records[side][field], nameOf, field)}
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="relay-muted">{t(kind === 'contacts' ? 'quality.merge.moves.contacts' : 'quality.merge.moves.companies')}</p>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose} isDisabled={saving}>
          {t('common.cancel')}
        </Button>
        {/* Without edit rights here (or with Relay read-only) the pair can be compared, not merged: the server would refuse. */}
        {canMerge ? (
          <Button appearance="primary" onClick={() => void merge()} isLoading={saving} testId="merge-submit">
            {t('quality.merge.submit', { name: records[survivor].name })}
          </Button>
        ) : null}
      </ModalFooter>
    </Modal>
  );
}
