import { arrStore, storage } from '../../ports/registry';


/**
 * Remembers when someone last logged an activity with a company (on it, its deals or its contacts):
 * health counts the days since. Best effort after the activity itself is saved — a lost update only
 * makes the company look quieter until the next activity, and is logged.
 */
export async function noteActivity(companyId: string | null, at: number, now: number): Promise<void> {
  if (!companyId) return;
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const account = await arrStore.ensureAccount(await arrStore.readAccount(companyId), now);
      if (account.lastActivityAt !== null && account.lastActivityAt >= at) return;
      try {
        await arrStore.writeAccount(account, { ...account, lastActivityAt: at }, now);
        return;
      } catch (error) {
        if (!storage.isConditionFailure(error)) throw error;
      }
    }
  } catch (error) {
    console.warn(`[relay] the last activity of company ${companyId} was not recorded`, error);
  }
}
