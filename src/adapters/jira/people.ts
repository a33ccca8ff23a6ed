import api, { route } from '@forge/api';
import { UserStatus } from './answers';
import { readJson } from './json';

/**
 * Which of these accounts are active people (`GET /rest/api/3/user` as the app, one request per
 * account, a few at a time): an owner who left (deactivated, or deleted: 404) owns nothing any
 * more. Any other answer from Jira is thrown, so a busy Jira never makes everyone look gone.
 */
export async function activePeople(accountIds: readonly string[]): Promise<Set<string>> {
  const active = new Set<string>();
  const ids = [...new Set(accountIds)];
  for (let i = 0; i < ids.length; i += 5) {
    await Promise.all(
      ids.slice(i, i + 5).map(async (accountId) => {
        const response = await api.asApp().requestJira(route`/rest/api/3/user?accountId=${accountId}`, { headers: { Accept: 'application/json' } });
        if (response.status === 404) return;
        if (!response.ok) throw new Error(`Jira answered ${response.status} to a user look-up`);
        const user = await readJson(response, UserStatus, 'A user look-up');
        if (user.active !== false && (user.accountType ?? 'atlassian') === 'atlassian') active.add(accountId);
      }),
    );
  }
  return active;
}
