import Button from '@atlaskit/button/new';
import { useCallback, useEffect, useState } from 'react';
import { useSlices } from './use-slices';
import type { z } from 'zod';
import type { DuplicatesSlice } from '../../../../src/contracts/duplicates';
import { api } from '../../lib/api';
import { ErrorBanner } from '../../lib/components';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import { usePeople } from '../../lib/people';
import { useCompanyNames } from '../records/lookups';
import { MergeDialog, type Pair } from './MergeDialog';
import '../../lib/areas/quality';

type Slice = z.infer<typeof DuplicatesSlice>;

/**
 * Likely duplicates of one kind, slice by slice as the server compares them; each pair opens the
 * side-by-side review. After a merge (or a conflict) the list is read again from the start.
 */
export function Duplicates({ kind, canMerge }: { kind: 'contacts' | 'companies'; canMerge: boolean }) {
  const { slices, error, loading, load } = useSlices<Slice>(useCallback((cursor?: string) => api.duplicates.find({ kind, ...(cursor ? { cursor } : {}) }), [kind]));
  const [open, setOpen] = useState<Pair | null>(null);
  const pairs = slices.flatMap((s) => s.pairs as Pair[]);
  const { nameOf: personName } = usePeople(pairs.flatMap((p) => [p.a.ownerId, p.b.ownerId]));
  const companyName = useCompanyNames(pairs.flatMap((p) => ('companyId' in p.a ? [p.a.companyId, (p.b as { companyId: string | null }).companyId] : [])));
  const nameOf = (field: string, value: unknown) => (field === 'ownerId' && typeof value === 'string' ? personName(value) : field === 'companyId' && typeof value === 'string' ? companyName(value) : undefined);

  useEffect(() => void load(), [load]);
  const next = slices[slices.length - 1]?.nextCursor ?? null;
  const scanned = slices.reduce((n, s) => n + s.scanned, 0);

  return (
    <div data-testid={`duplicates-${kind}`}>
      <h3>{t(`quality.duplicates.${kind}` as MessageKey)}</h3>
      {error ? <ErrorBanner error={error} onRetry={() => void load()} /> : null}
      {slices.length > 0 ? <p className="relay-muted">{t('quality.duplicates.scanned', { count: scanned, pairs: pairs.length })}</p> : null}
      <ul className="relay-quality__list">
        {pairs.map((pair) => (
          <li key={`${pair.a.id}|${pair.b.id}`} data-testid={`pair-${pair.a.id}-${pair.b.id}`}>
            <strong>{pair.a.name}</strong> · <strong>{pair.b.name}</strong> <span className="relay-muted">({pair.reasons.map((r) => t(`quality.reason.${r}` as MessageKey)).join(', ')})</span>{' '}
            <button type="button" className="relay-link" onClick={() => setOpen(pair)} data-testid="pair-review">
              {t('quality.duplicates.review')}
            </button>
          </li>
        ))}
      </ul>
      {next ? (
        <Button onClick={() => void load(next)} isLoading={loading}>
          {t('quality.duplicates.more')}
        </Button>
      ) : null}
      {open ? (
        <MergeDialog
          kind={kind}
          pair={open}
          canMerge={canMerge}
          nameOf={nameOf}
          onClose={() => setOpen(null)}
          onMerged={() => {
            setOpen(null);
            void load();
          }}
        />
      ) : null}
    </div>
  );
}
