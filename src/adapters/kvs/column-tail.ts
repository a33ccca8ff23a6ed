import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { comparePositions, positionBetween } from '../../domain/positions';
import { lastPosition } from './deal-store';
import { Keys } from './keys';
import type { Placement } from '../../ports/deals';
import { parseStoredIfAny } from './stored-record';

const ColumnTail = z.object({ position: z.string(), schemaVersion: z.literal(1) });
type ColumnTail = z.infer<typeof ColumnTail>;


/** A card placed between two others: the column's end does not move. */
export const between = (position: string): Placement => ({ position, step: (tx) => tx });

/**
 * A position after every card of a board column (and after `after`, the card it is dropped behind),
 * for a card created or dropped at its end.
 *
 * Entity queries are eventually consistent: the column's last card as a query shows it can miss a
 * card appended a moment ago, and two quick appends would then get the same position. So the end of
 * each column is also remembered under a key (read with `get`, which is never stale), and the new
 * card goes after whichever of the two is later. The key is written in the card's own transaction
 * (`step`), so a refused save changes nothing. Two appends at the very same moment can still tie
 * (both then sort by id, and nothing is lost).
 */
export async function appendPosition(projectId: string, stageId: string, after: string | null = null): Promise<Placement> {
  const key = Keys.columnTail(projectId, stageId);
  const [visible, stored] = await Promise.all([lastPosition(projectId, stageId), kvs.get<unknown>(key)]);
  const tail = parseStoredIfAny(ColumnTail, 'column end', key, stored);
  const last = [visible, tail?.position ?? null, after].reduce<string | null>((latest, p) => (p !== null && (latest === null || comparePositions(p, latest) > 0) ? p : latest), null);
  const position = positionBetween(last, null);
  return { position, step: (tx) => tx.set<ColumnTail>(key, { position, schemaVersion: 1 }) };
}
