import type { APIResponse } from '@forge/api';
import type { z } from 'zod';

/**
 * A Jira answer that came back ok but not in the shape Relay reads: not JSON, or a field Relay needs
 * missing or of another type. Thrown instead of passing `undefined` on, so a changed or broken answer
 * fails where it arrived, naming the request and the field. Not a refusal: Jira may have acted (a
 * create whose answer lacks its key still made the issue), so it is neither JiraRefused nor JiraBusy.
 */
export class JiraAnswerUnfit extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JiraAnswerUnfit';
  }
}

/** The body of an ok Jira answer, parsed with `schema`; `what` names the request in the error. */
export async function readJson<S extends z.ZodType>(response: APIResponse, schema: S, what: string): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new JiraAnswerUnfit(`${what}: Jira answered ${response.status} with a body that is not JSON`);
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(the body)';
  throw new JiraAnswerUnfit(`${what}: Jira's answer does not fit at ${where}: ${issue?.message ?? 'unexpected shape'}`);
}
