import type { z } from 'zod';
import type { DealRecord } from '../../../../src/contracts/deal';
import type { RenewalRow } from '../../../../src/contracts/renewal';
import { addDays, daysBetween } from '../../../../src/domain/periods';

export type Row = z.infer<typeof RenewalRow> & { id: string };
export type Window = 30 | 60 | 90 | 'overdue';

/**
 * A renewal row after the user changed its deal in the drawer, or null when the deal has left the
 * window's list (won, lost, archived, or its close date moved out). The list is a storage query,
 * which trails writes, so a reload would still show the deal as it was; the row is redrawn from the
 * saved deal instead, its days counted from the day the server counted the row's from.
 */
export function rowAfterChange(row: Row, deal: DealRecord, window: Window): Row | null {
  if (deal.outcome !== 'open' || deal.archived || !deal.closeDate) return null;
  const today = addDays(row.closeDate, -row.daysLeft);
  const daysLeft = daysBetween(today, deal.closeDate);
  const inWindow = window === 'overdue' ? daysLeft < 0 : daysLeft >= 0 && daysLeft <= window;
  if (!inWindow) return null;
  return { ...row, name: deal.name, closeDate: deal.closeDate, daysLeft, ownerId: deal.ownerId, stageId: deal.stageId, amountMinor: deal.amountMinor, currency: deal.currency, version: deal.version };
}
