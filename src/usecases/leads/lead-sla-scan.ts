import { contactStore } from '../../ports/registry';
import type { Clock, Ids } from '../../ports';
import { checkLeadSla } from './lead-response';

const PAGE = 100;
const MAX_PAGES = 20;

/**
 * The lead half of the hourly scan (the manifest's five scheduled triggers are spent carefully, so
 * leads share the hand-off scan's): every lead whose response SLA is open and due by now is read
 * again and marked breached once — or answered, if the owner's activity is on its timeline. The index
 * trails writes, so a lead answered a moment ago may still be listed; the re-read decides.
 */
export async function runLeadSlaScan(time: Clock, ids: Ids): Promise<{ breached: number; answered: number }> {
  const now = () => time.now();
  const clock = { now, newId: () => ids.newId() };
  let breached = 0;
  let answered = 0;
  let cursor: string | undefined;
  const at = now();
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const due = await contactStore.queryDueLeads(at, PAGE, cursor);
    for (const contact of due.contacts) {
      const outcome = await checkLeadSla(contact.id, clock);
      if (outcome === 'breached') breached += 1;
      if (outcome === 'answered') answered += 1;
    }
    cursor = due.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return { breached, answered };
}
