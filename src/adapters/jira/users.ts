import api, { route } from '@forge/api';
import { UserStatus } from './answers';
import { readJson } from './json';

/**
 * Whether Jira knows an account as an active person, asked as the acting admin. Lead owners are
 * checked when the routing is saved, so a lead is never given to a typo or a bot.
 */
export async function isActiveUser(accountId: string): Promise<boolean> {
  const response = await api.asUser().requestJira(route`/rest/api/3/user?accountId=${accountId}`, { headers: { Accept: 'application/json' } });
  if (response.status === 404 || response.status === 400) return false;
  if (!response.ok) throw new Error(`Jira answered ${response.status} for a user lookup`);
  const user = await readJson(response, UserStatus, 'A user lookup');
  return user.active !== false && (user.accountType ?? 'atlassian') === 'atlassian';
}
