import type { JiraServiceApi, ServiceResponse } from '../platform/types';

/** A Jira REST answer as the shell hands it on: status, JSON (or text) body, and Jira's error text. */
export interface JiraAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * Calls the sandbox's Jira REST API as a signed-in user, the way the browser (and `requestJira`
 * from Custom UI) reaches Jira: Jira's own permission checks apply, nothing is bypassed.
 */
export async function jiraAsUser(
  jira: Pick<JiraServiceApi, 'handle'>,
  accountId: string,
  method: string,
  pathAndQuery: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JiraAnswer> {
  const request = {
    method: method.toUpperCase(),
    path: pathAndQuery,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...lowerCaseKeys(headers) },
    caller: { kind: 'user' as const, accountId },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  };
  const answer: ServiceResponse = await jira.handle(request);
  return { status: answer.status, body: answer.body, headers: answer.headers ?? {} };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Jira's error body (`{errorMessages: [], errors: {field: message}}`) as one sentence for a person. */
export function jiraErrorText(answer: JiraAnswer): string {
  const body: unknown = answer.body;
  const parts: string[] = [];
  if (typeof body === 'string') {
    if (body.trim() !== '') parts.push(body.trim());
  } else if (body && typeof body === 'object') {
    const { errorMessages, errors, message } = body as { errorMessages?: unknown; errors?: unknown; message?: unknown };
    if (Array.isArray(errorMessages)) parts.push(...errorMessages.map(String));
    if (errors && typeof errors === 'object') {
      for (const [field, text] of Object.entries(errors as Record<string, unknown>)) parts.push(`${field}: ${String(text)}`);
    }
    if (parts.length === 0 && typeof message === 'string') parts.push(message);
  }
  return parts.length > 0 ? parts.join(' ') : `Jira answered ${answer.status}`;
}
