import api, { route } from '@forge/api';
import { z } from 'zod';
import { DEAL_PROPERTY } from './delivery';
import { readJson } from './json';
import type { RelayIssueText } from '../../ports/delivery';

const IssueText = z.looseObject({
  key: z.string(),
  fields: z.looseObject({ description: z.unknown().optional(), creator: z.looseObject({ accountType: z.string().optional() }).nullish() }),
});
/** Jira's EntityProperty: the value is whatever was written (any JSON). */
const EntityProperty = z.looseObject({ value: z.unknown().optional() });


/** What Relay wrote on an issue: the description of work it created, and its entity property. Undefined when the issue is gone. */
export async function relayIssueText(issueKey: string): Promise<RelayIssueText | undefined> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=description,creator`, { headers: { Accept: 'application/json' } });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`Jira answered ${response.status} reading ${issueKey}`);
  const issue = await readJson(response, IssueText, `Reading ${issueKey}`);
  const byApp = issue.fields.creator?.accountType === 'app';
  const prop = await api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/${DEAL_PROPERTY}`, { headers: { Accept: 'application/json' } });
  if (!prop.ok && prop.status !== 404) throw new Error(`Jira answered ${prop.status} reading ${issueKey}'s property`);
  const property = prop.ok ? (await readJson(prop, EntityProperty, `Reading ${issueKey}'s property`)).value : undefined;
  return { issueKey, description: byApp ? (issue.fields.description ?? null) : null, property: property ?? null };
}

export async function writeDescription(issueKey: string, description: unknown): Promise<void> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}`, {
    method: 'PUT',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ fields: { description } }),
  });
  if (!response.ok && response.status !== 404) throw new Error(`Jira answered ${response.status} rewriting ${issueKey}'s description`);
}

export async function writeProperty(issueKey: string, value: unknown): Promise<void> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/${DEAL_PROPERTY}`, {
    method: 'PUT',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(value),
  });
  if (!response.ok && response.status !== 404) throw new Error(`Jira answered ${response.status} rewriting ${issueKey}'s property`);
}
