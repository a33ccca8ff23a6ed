import { z } from 'zod';

/**
 * What the template's pickers offer, asked of Jira as the signed-in admin (`requestJira` from
 * @forge/bridge): the projects they can see, the issue types of the chosen target project, and the
 * people who can be the delivery lead. Jira's permissions decide every list and Relay stores none of
 * it. Responses cross a boundary the app does not own, so each is parsed with zod.
 *
 * The assignee list comes from `/rest/api/3/users/search` (humans only, active). Whether Jira can
 * assign the chosen person in the target project is checked where it counts: saving the template asks
 * Jira's assignable-user search and answers VALIDATION beside this field, and a hand-off whose
 * assignee Jira refuses later is created unassigned, which the deal shows.
 */
export type RequestJira = (restPath: string) => Promise<Pick<Response, 'ok' | 'status' | 'json'>>;

export interface ProjectChoice {
  key: string;
  name: string;
}

export interface PersonChoice {
  accountId: string;
  displayName: string;
}

/** Jira answered something other than the documented shape or a success. */
export class LookupError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
  ) {
    super(`Jira answered ${status || 'an unexpected shape'} to ${path}`);
    this.name = 'LookupError';
  }
}

async function getJson<T extends z.ZodType>(requestJira: RequestJira, path: string, schema: T): Promise<z.infer<T>> {
  const response = await requestJira(path);
  if (!response.ok) throw new LookupError(path, response.status);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) throw new LookupError(path, 0);
  return parsed.data;
}

const ProjectPage = z.looseObject({
  values: z.array(z.looseObject({ key: z.string(), name: z.string() })),
  isLast: z.boolean().optional(),
  total: z.number().optional(),
});

const PAGE = 50;
/** A picker of more than a few hundred projects is unusable; past that the admin types a key Jira checks on save. */
const MAX_PAGES = 4;

export async function visibleProjects(requestJira: RequestJira): Promise<ProjectChoice[]> {
  const projects: ProjectChoice[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const data = await getJson(requestJira, `/rest/api/3/project/search?orderBy=name&maxResults=${PAGE}&startAt=${page * PAGE}`, ProjectPage);
    projects.push(...data.values.map(({ key, name }) => ({ key, name })));
    const done = data.isLast ?? (data.total === undefined || projects.length >= data.total);
    if (done || data.values.length === 0) break;
  }
  return projects;
}

const ProjectDetails = z.looseObject({
  issueTypes: z.array(z.looseObject({ name: z.string(), subtask: z.boolean().optional() })).optional(),
});

/**
 * The target project's own issue types, sub-tasks left out (the delivery issue is a parent; the
 * checklist makes its children). Empty when Jira lists none, so the caller can fall back.
 */
export async function projectIssueTypes(requestJira: RequestJira, projectKey: string): Promise<string[]> {
  const data = await getJson(requestJira, `/rest/api/3/project/${encodeURIComponent(projectKey)}`, ProjectDetails);
  return [...new Set((data.issueTypes ?? []).filter((type) => !type.subtask).map((type) => type.name))];
}

const Users = z.array(z.looseObject({ accountId: z.string(), displayName: z.string().optional(), accountType: z.string().optional(), active: z.boolean().optional() }));

export async function people(requestJira: RequestJira): Promise<PersonChoice[]> {
  const users = await getJson(requestJira, '/rest/api/3/users/search?maxResults=200', Users);
  return users
    .filter((u) => (u.accountType ?? 'atlassian') === 'atlassian' && u.active !== false)
    .map((u) => ({ accountId: u.accountId, displayName: u.displayName ?? u.accountId }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The options for a select, keeping the saved value even when Jira no longer lists it (so it is visible, not silently dropped). */
export function withCurrent<T>(options: T[], current: string | null, valueOf: (option: T) => string, make: (value: string) => T): T[] {
  if (current === null || current === '' || options.some((o) => valueOf(o) === current)) return options;
  return [make(current), ...options];
}
