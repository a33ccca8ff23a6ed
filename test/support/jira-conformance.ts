/**
 * Every answer of the sandbox's Jira checked against jira.js's zod schemas of Jira Cloud REST v3
 * (generated from Atlassian's OpenAPI description): the route's documented response schema for a
 * success, `ErrorCollection` for an error. jira.js is a dev dependency used only here and in
 * test/conformance. Schemas are loose about extra keys, as jira.js reads them (Jira sends more than
 * it documents); a missing documented field or a wrong type is a mismatch.
 */
import type * as Zod from 'zod';
import type { ZodType } from 'zod';
import type { JiraRequest, ServiceResponse } from '../../sandbox/platform/types';

type Schemas = Record<string, ZodType>;

// Loaded on first use: a unit test that never reaches Jira does not pay for the schemas.
let loaded: { routes: Array<{ method: string; pattern: RegExp; schema: ZodType | null }>; error: ZodType } | undefined;

/* eslint-disable @typescript-eslint/no-require-imports */
function load(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const { z } = require('zod') as typeof Zod;
  const model = (file: string, name: string): ZodType => {
    const schema = (require(`jira.js/dist/cloud/models/${file}.js`) as Schemas)[name];
    if (!schema) throw new Error(`jira.js has no ${name} in models/${file}.js`);
    return schema;
  };
  const user = model('dashboardUser', 'DashboardUserSchema');
  // Atlassian's OpenAPI names a gadget position's fields by their descriptions ("The column position
  // of the gadget."), so jira.js's generated schema wants keys Jira never sends; Jira (and its REST
  // reference examples) answer { column, row }. The one correction made to jira.js's schemas.
  const gadget = (model('dashboardGadget', 'DashboardGadgetSchema') as unknown as Zod.ZodObject).extend({ position: z.object({ column: z.number(), row: z.number() }).loose() });
  const id = '[^/]+';
  const api = (path: string) => new RegExp(`^/rest/api/3${path}$`);
  // Route → the schema jira.js's own client validates that endpoint's answer with (null: no body documented).
  const routes = [
    { method: 'GET', pattern: api('/myself'), schema: user },
    { method: 'GET', pattern: api('/user'), schema: user },
    { method: 'GET', pattern: api('/users/search'), schema: z.array(user) },
    { method: 'GET', pattern: api('/user/assignable/search'), schema: z.array(user) },
    { method: 'GET', pattern: api('/user/assignable/multiProjectSearch'), schema: z.array(user) },
    { method: 'GET', pattern: api('/user/bulk'), schema: model('pageUser', 'PageUserSchema') },
    { method: 'GET', pattern: api('/user/permission/search'), schema: z.array(user) },
    { method: 'GET', pattern: api('/project/search'), schema: model('pageProject', 'PageProjectSchema') },
    { method: 'GET', pattern: api(`/project/${id}/statuses`), schema: z.array(model('issueTypeWithStatus', 'IssueTypeWithStatusSchema')) },
    { method: 'GET', pattern: api(`/project/${id}`), schema: model('project', 'ProjectSchema') },
    { method: 'GET', pattern: api('/issuetype'), schema: z.array(model('issueTypeDetails', 'IssueTypeDetailsSchema')) },
    { method: 'GET', pattern: api('/status'), schema: z.array(model('statusDetails', 'StatusDetailsSchema')) },
    { method: 'GET', pattern: api('/statuscategory'), schema: z.array(model('statusCategory', 'StatusCategorySchema')) },
    { method: 'GET', pattern: api('/mypermissions'), schema: model('permissions', 'PermissionsSchema') },
    { method: 'POST', pattern: api('/permissions/check'), schema: model('bulkPermissionGrants', 'BulkPermissionGrantsSchema') },
    { method: 'POST', pattern: api('/issue'), schema: model('createdIssue', 'CreatedIssueSchema') },
    { method: 'GET', pattern: api(`/issue/${id}`), schema: model('issue', 'IssueSchema') },
    { method: 'PUT', pattern: api(`/issue/${id}`), schema: null },
    { method: 'DELETE', pattern: api(`/issue/${id}`), schema: null },
    { method: 'GET', pattern: api(`/issue/${id}/transitions`), schema: model('transitions', 'TransitionsSchema') },
    { method: 'POST', pattern: api(`/issue/${id}/transitions`), schema: null },
    { method: 'GET', pattern: api(`/issue/${id}/remotelink`), schema: model('getRemoteIssueLinks', 'GetRemoteIssueLinksSchema') },
    { method: 'POST', pattern: api(`/issue/${id}/remotelink`), schema: model('remoteIssueLinkIdentifies', 'RemoteIssueLinkIdentifiesSchema') },
    { method: 'DELETE', pattern: api(`/issue/${id}/remotelink`), schema: null },
    { method: 'GET', pattern: api(`/issue/${id}/remotelink/\\d+`), schema: model('remoteIssueLink', 'RemoteIssueLinkSchema') },
    { method: 'PUT', pattern: api(`/issue/${id}/remotelink/\\d+`), schema: null },
    { method: 'DELETE', pattern: api(`/issue/${id}/remotelink/\\d+`), schema: null },
    { method: 'GET', pattern: api(`/issue/${id}/properties`), schema: model('propertyKeys', 'PropertyKeysSchema') },
    { method: 'GET', pattern: api(`/issue/${id}/properties/${id}`), schema: model('entityProperty', 'EntityPropertySchema') },
    { method: 'PUT', pattern: api(`/issue/${id}/properties/${id}`), schema: null },
    { method: 'DELETE', pattern: api(`/issue/${id}/properties/${id}`), schema: null },
    { method: 'POST', pattern: api('/issueLink'), schema: null },
    { method: 'GET', pattern: api('/issueLink/\\d+'), schema: model('issueLink', 'IssueLinkSchema') },
    { method: 'DELETE', pattern: api('/issueLink/\\d+'), schema: null },
    { method: 'GET', pattern: api('/search/jql'), schema: model('searchAndReconcileResults', 'SearchAndReconcileResultsSchema') },
    { method: 'POST', pattern: api('/search/jql'), schema: model('searchAndReconcileResults', 'SearchAndReconcileResultsSchema') },
    { method: 'POST', pattern: api('/search/approximate-count'), schema: model('jqlCountResults', 'JQLCountResultsSchema') },
    // Dashboards: the shell's, not Relay's (Relay's gadgets only read their configuration from Forge).
    { method: 'GET', pattern: api('/dashboard'), schema: model('pageOfDashboards', 'PageOfDashboardsSchema') },
    { method: 'GET', pattern: api('/dashboard/search'), schema: model('pageDashboard', 'PageDashboardSchema') },
    { method: 'POST', pattern: api('/dashboard'), schema: model('dashboard', 'DashboardSchema') },
    { method: 'GET', pattern: api('/dashboard/\\d+'), schema: model('dashboard', 'DashboardSchema') },
    { method: 'DELETE', pattern: api('/dashboard/\\d+'), schema: null },
    { method: 'GET', pattern: api('/dashboard/\\d+/gadget'), schema: z.object({ gadgets: z.array(gadget) }).loose() },
    { method: 'POST', pattern: api('/dashboard/\\d+/gadget'), schema: gadget },
    { method: 'PUT', pattern: api('/dashboard/\\d+/gadget/\\d+'), schema: null },
    { method: 'DELETE', pattern: api('/dashboard/\\d+/gadget/\\d+'), schema: null },
    { method: 'GET', pattern: api('/dashboard/\\d+/items/\\d+/properties'), schema: model('propertyKeys', 'PropertyKeysSchema') },
    { method: 'GET', pattern: api(`/dashboard/\\d+/items/\\d+/properties/${id}`), schema: model('entityProperty', 'EntityPropertySchema') },
    { method: 'PUT', pattern: api(`/dashboard/\\d+/items/\\d+/properties/${id}`), schema: null },
    { method: 'DELETE', pattern: api(`/dashboard/\\d+/items/\\d+/properties/${id}`), schema: null },
  ];
  loaded = { routes, error: model('errorCollection', 'ErrorCollectionSchema') };
  return loaded;
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** Why an answer does not match Jira Cloud's documented shape, or undefined when it does. */
export function jiraMismatch(request: Pick<JiraRequest, 'method' | 'path'>, answer: ServiceResponse): string | undefined {
  const { routes, error } = load();
  const pathname = new URL(request.path, 'http://jira.local').pathname;
  const method = request.method.toUpperCase();
  const where = `${method} ${pathname} → ${answer.status}`;
  if (answer.status >= 400) {
    // The removed /search answers 410 with Jira's error body too; every error is an ErrorCollection.
    const checked = error.safeParse(answer.body);
    return checked.success ? undefined : `${where}: the error body is not Jira's ErrorCollection (${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`;
  }
  // PUT /issue?returnIssue=true answers 200 with the issue (documented), not 204.
  const returnsIssue = method === 'PUT' && answer.status === 200 && new URL(request.path, 'http://jira.local').searchParams.get('returnIssue') === 'true';
  const route = returnsIssue ? routes.find((r) => r.method === 'GET' && r.pattern.test(pathname)) : routes.find((r) => r.method === method && r.pattern.test(pathname));
  if (!route) return `${where}: the sandbox answered a route the conformance table does not list`;
  if (route.schema === null) return answer.body === undefined || answer.body === '' ? undefined : `${where}: Jira documents no body here, the sandbox sent one`;
  const checked = route.schema.safeParse(answer.body);
  if (checked.success) return undefined;
  return `${where}: ${checked.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ')}`;
}
