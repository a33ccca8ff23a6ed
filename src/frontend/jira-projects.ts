import { z } from 'zod';

/**
 * The projects the signed-in user can browse, for "Link deal": the user picks the CRM project the
 * deal lives in. Asked of Jira as the user (`requestJira` from @forge/bridge), so Jira's own
 * permissions decide the list and Relay stores nothing. The response is parsed with zod: it crosses
 * a boundary the app does not own.
 */

export interface BrowsableProject {
  key: string;
  name: string;
}

/** `requestJira(path)` as @forge/bridge offers it; passed in so this module loads outside a surface. */
export type RequestJira = (restPath: string) => Promise<Pick<Response, 'ok' | 'status' | 'json'>>;

const ProjectPage = z.object({
  values: z.array(z.object({ key: z.string(), name: z.string() }).passthrough()),
  isLast: z.boolean().optional(),
  total: z.number().optional(),
});

/** Why the list could not be read: Jira's status (0 when the answer was not the documented shape). */
export class ProjectListError extends Error {
  constructor(readonly status: number) {
    super(`GET /rest/api/3/project/search answered ${status}`);
    this.name = 'ProjectListError';
  }
}

const PAGE_SIZE = 50;
/** A picker of more than a few hundred projects is unusable anyway; the search box narrows deals, not projects. */
const MAX_PAGES = 4;

/** Pages through `/rest/api/3/project/search` (Jira caps a page at 50) and returns the projects by name. */
export async function browsableProjects(requestJira: RequestJira): Promise<BrowsableProject[]> {
  const projects: BrowsableProject[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await requestJira(`/rest/api/3/project/search?orderBy=name&maxResults=${PAGE_SIZE}&startAt=${page * PAGE_SIZE}`);
    if (!response.ok) throw new ProjectListError(response.status);
    const parsed = ProjectPage.safeParse(await response.json());
    if (!parsed.success) throw new ProjectListError(0);
    projects.push(...parsed.data.values.map(({ key, name }) => ({ key, name })));
    const done = parsed.data.isLast ?? (parsed.data.total === undefined || projects.length >= parsed.data.total);
    if (done || parsed.data.values.length === 0) break;
  }
  return projects;
}
