import type { FieldChangeRecord } from '../../../../src/contracts/activity';
import { SEGMENT_LABELS, type Segment } from '../../../../src/domain/company';
import { LIFECYCLE_STAGE_LABELS, type LifecycleStage } from '../../../../src/domain/contact';
import { formatMoney } from '../../../../src/domain/money-format';
import type { z } from 'zod';
import type { MessageKey } from '../../lib/i18n';
import { hasMessage, t, tn } from '../../lib/i18n';

/** Money in the record views: the one formatter every surface uses (full style), "—" for no amount. */
export function moneyText(amountMinor: number | null, currency: string, locale = 'en-US'): string {
  return amountMinor === null ? t('common.notSet') : formatMoney(amountMinor, currency, locale);
}

/** An ISO calendar date (YYYY-MM-DD) as the user's locale writes it; calendar dates have no time zone. */
export function dateText(iso: string | null, locale = 'en-US'): string {
  if (!iso) return t('common.notSet');
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** An instant (epoch ms) in the user's time zone. */
export function instantText(ms: number, locale = 'en-US', timeZone = 'UTC'): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ms);
  } catch {
    return new Date(ms).toISOString();
  }
}

export function segmentText(segment: string | null): string {
  return segment && segment in SEGMENT_LABELS ? SEGMENT_LABELS[segment as Segment] : t('common.notSet');
}

export function lifecycleStageText(stage: string): string {
  return stage in LIFECYCLE_STAGE_LABELS ? LIFECYCLE_STAGE_LABELS[stage as LifecycleStage] : stage;
}

/** The label of a record field for the timeline and forms; unknown fields show their own name. */
export function fieldLabel(field: string): string {
  const key = `records.field.${field}`;
  return hasMessage(key) ? t(key) : field;
}

/** How names behind ids are found when a change is described (all synchronous: the caller loads them first). */
export interface ChangeNames {
  locale?: string;
  /** The record's currency, for amount changes that did not change the currency too. */
  currency?: string;
  stageName?: (id: string) => string | undefined;
  companyName?: (id: string) => string | undefined;
  userName?: (id: string) => string | undefined;
  /** The entry was written by Relay itself (a job, a trigger, a scan), not by a person. */
  bySystem?: boolean;
}

type AuditValue = z.infer<typeof FieldChangeRecord>['from'];

const DATE_FIELDS = new Set(['closeDate', 'nextStepDue', 'contractStart', 'contractEnd']);

/** One audit value as a person reads it: money with its symbol, dates, stage and company names. */
export function auditValueText(field: string, value: AuditValue, names: ChangeNames, currency?: string): string {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return t('records.value.empty');
  const locale = names.locale ?? 'en-US';
  if (field === 'amountMinor' && typeof value === 'number') return moneyText(value, currency ?? names.currency ?? 'USD', locale);
  if (typeof value === 'boolean') return t(value ? 'records.value.yes' : 'records.value.no');
  if (Array.isArray(value)) return field === 'contactIds' ? tn('records.value.contacts', value.length) : value.join(', ');
  const text = String(value);
  if (DATE_FIELDS.has(field)) return dateText(text, locale);
  if (field === 'stageId') return names.stageName?.(text) ?? text;
  if (field === 'companyId') return names.companyName?.(text) ?? text;
  if (field === 'ownerId') return names.userName?.(text) ?? text;
  if (field === 'segment') return segmentText(text);
  if (field === 'lifecycleStage') return lifecycleStageText(text);
  // Enumerations (deal type, forecast, outcome, company lifecycle) read as their labels.
  const enumKey = { type: 'records.dealType', forecastOverride: 'records.forecast', outcome: 'records.outcome', lifecycle: 'records.lifecycle' }[field];
  const label = enumKey ? `${enumKey}.${text}` : '';
  return hasMessage(label) ? t(label) : text;
}

/** A record's kind, for the sentence that says who created it. */
export type TimelineRecordType = 'deal' | 'company' | 'contact';

/** The creating write: every field set from nothing, the name among them (a name is never set later). */
function isCreation(changes: ReadonlyArray<z.infer<typeof FieldChangeRecord>>): boolean {
  return changes.length > 0 && changes.every((c) => c.from === null) && changes.some((c) => c.field === 'name');
}

const CREATED: Record<TimelineRecordType, MessageKey> = { deal: 'records.timeline.created.deal', company: 'records.timeline.created.company', contact: 'records.timeline.created.contact' };

/**
 * The sentences for one audited write, as a person reads them: "Sam Seller changed Amount from
 * €12,000 to €15,000", "Sam Seller created the deal", "Relay created the delivery work". An amount
 * is shown in the currency of the same write when the currency changed with it; a close date
 * pushed out of its quarter says so with the count, rather than "Times pushed to 2"; the hand-off's
 * state changes read as what happened; the fields a create writes are not listed one by one.
 */
export function changeSentences(actor: string, changes: Array<z.infer<typeof FieldChangeRecord>>, names: ChangeNames, recordType?: TimelineRecordType): string[] {
  if (recordType && isCreation(changes)) return [t(CREATED[recordType], { actor })];
  const currencyChange = changes.find((c) => c.field === 'currency');
  const push = changes.find((c) => c.field === 'pushCount');
  const pushes = typeof push?.to === 'number' && push.to > (typeof push.from === 'number' ? push.from : 0) ? push.to : null;
  return changes
    .filter((c) => !(c.field === 'currency' && changes.some((o) => o.field === 'amountMinor')))
    .filter((c) => c.field !== 'pushCount')
    .map((change) => {
      if (change.field === 'handoffState') {
        const key = `records.timeline.handoff.${String(change.to)}`;
        const systemKey = `${key}.system`;
        if (names.bySystem && hasMessage(systemKey)) return t(systemKey, { actor });
        return hasMessage(key) ? t(key, { actor }) : t('records.timeline.handoff.other', { actor });
      }
      const fromCurrency = typeof currencyChange?.from === 'string' ? currencyChange.from : undefined;
      const toCurrency = typeof currencyChange?.to === 'string' ? currencyChange.to : undefined;
      const from = auditValueText(change.field, change.from, names, fromCurrency);
      const to = auditValueText(change.field, change.to, names, toCurrency);
      const field = fieldLabel(change.field);
      let sentence: string;
      if (change.from === null) sentence = t('records.timeline.set', { actor, field, to });
      else if (change.to === null) sentence = t('records.timeline.cleared', { actor, field, from });
      else sentence = t('records.timeline.changed', { actor, field, from, to });
      return change.field === 'closeDate' && pushes !== null ? `${sentence}${tn('records.timeline.slipped', pushes)}` : sentence;
    })
    .concat(pushes !== null && !changes.some((c) => c.field === 'closeDate') ? [tn('records.timeline.slippedAlone', pushes, { actor })] : []);
}
