/**
 * Jira Cloud answers every REST error with one shape, `{ errorMessages: string[], errors: { field: message } }`;
 * the site's operations throw `JiraHttpError` and the router turns it into that answer.
 */
export interface JiraErrorBody {
  errorMessages: string[];
  errors: Record<string, string>;
}

export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: JiraErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super([...body.errorMessages, ...Object.entries(body.errors).map(([field, message]) => `${field}: ${message}`)].join('; ') || `HTTP ${status}`);
    this.name = 'JiraHttpError';
  }
}

export const errorBody = (messages: string[] = [], errors: Record<string, string> = {}): JiraErrorBody => ({ errorMessages: messages, errors });

export const badRequest = (...messages: string[]) => new JiraHttpError(400, errorBody(messages));
export const fieldErrors = (errors: Record<string, string>) => new JiraHttpError(400, errorBody([], errors));
export const notFound = (message: string) => new JiraHttpError(404, errorBody([message]));
export const forbidden = (message: string) => new JiraHttpError(403, errorBody([message]));
export const unauthorized = () => new JiraHttpError(401, errorBody(['Client must be authenticated to access this resource.']));

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
export const issueNotFound = () => notFound(ISSUE_NOT_FOUND);
export const projectNotFound = (idOrKey: string) =>
  notFound(/^\d+$/.test(idOrKey) ? `No project could be found with id '${idOrKey}'.` : `No project could be found with key '${idOrKey}'.`);

/** What Jira says about a field it cannot set (unknown, or not on the screen for this user). */
export const cannotSet = (field: string) => `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

/** Jira's field error for an assignee without Assignable User in the project (observed wording; Cloud names the account). */
export const cannotBeAssigned = (accountId: string) => `User '${accountId}' cannot be assigned issues.`;
