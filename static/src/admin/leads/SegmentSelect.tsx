import { SEGMENTS, type Segment } from '../../../../src/domain/company';
import { t } from '../../lib/i18n';
import { segmentText } from '../../project-page/records/format';
import '../../lib/areas/leads';

/** A segment, or "Any" (null), as a routing rule and the scoring preview both match leads by it. */
export function SegmentSelect({ id, value, disabled, onChange }: { id: string; value: Segment | null; disabled?: boolean; onChange: (segment: Segment | null) => void }) {
  return (
    <select id={id} value={value ?? ''} disabled={disabled} onChange={(e) => onChange((e.currentTarget.value || null) as Segment | null)}>
      <option value="">{t('admin.leads.routing.any')}</option>
      {SEGMENTS.map((s) => (
        <option key={s} value={s}>
          {segmentText(s)}
        </option>
      ))}
    </select>
  );
}
