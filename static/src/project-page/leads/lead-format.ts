import type { z } from 'zod';
import type { LeadSlaRecord, ScoreReasonRecord } from '../../../../src/contracts/contact';
import { t } from '../../lib/i18n';
import { segmentText } from '../records/format';
import '../../lib/areas/leads';

type Reason = z.infer<typeof ScoreReasonRecord>;
type Sla = z.infer<typeof LeadSlaRecord>;

/** "+30" or "−20" (a real minus sign), as scores read in the reasons. */
export function pointsText(points: number): string {
  return points < 0 ? `−${Math.abs(points)}` : `+${points}`;
}

/** One reason as a seller reads it: "Segment Enterprise +30", "Title “VP Marketing” matches “vp” +20". */
export function reasonText(reason: Reason): string {
  const value = reason.factor === 'segment' ? segmentText(reason.value) : reason.value;
  const key = ({ segment: 'leads.reason.segment', title: 'leads.reason.title', region: 'leads.reason.region', source: 'leads.reason.source', formType: 'leads.reason.formType' } as const)[reason.factor];
  return `${t(key, { value, matched: reason.matched })} ${pointsText(reason.points)}`;
}

/** A span of time, roughly, in the largest unit that reads well: "40 min", "3 h", "2 d". */
export function durationText(ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return t('leads.duration.minutes', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('leads.duration.hours', { n: hours });
  return t('leads.duration.days', { n: Math.round(hours / 24) });
}

export type SlaTone = 'inprogress' | 'removed' | 'success' | 'moved' | 'default';

/** The response clock as a lozenge: due, overdue (before the scan marks it), met, breached, or answered late. */
export function slaView(sla: Sla | null | undefined, now: number): { text: string; tone: SlaTone } {
  if (!sla) return { text: t('leads.sla.none'), tone: 'default' };
  if (sla.respondedAt !== null) {
    const hours = String(sla.responseHours ?? 0);
    return sla.state === 'met' ? { text: t('leads.sla.met', { hours }), tone: 'success' } : { text: t('leads.sla.late', { hours }), tone: 'moved' };
  }
  if (sla.state === 'breached') return { text: t('leads.sla.breached'), tone: 'removed' };
  return now < sla.dueAt ? { text: t('leads.sla.dueIn', { duration: durationText(sla.dueAt - now) }), tone: 'inprogress' } : { text: t('leads.sla.overdue', { duration: durationText(now - sla.dueAt) }), tone: 'removed' };
}
