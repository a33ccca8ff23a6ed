import api, { route } from '@forge/api';
import { z } from 'zod';
import { appPermissionKey } from './access';
import { readJson } from './json';
import type { SetupProbe } from '../../ports/delivery';

const Holder = z.looseObject({ displayName: z.string().optional(), accountType: z.string().optional(), active: z.boolean().optional() });
// Jira's PageBeanDashboard and DashboardGadgetResponse; a page may leave out `values` when empty.
const DashboardPage = z.looseObject({ values: z.array(z.looseObject({ id: z.string(), name: z.string() })).optional(), isLast: z.boolean().optional() });
const Gadgets = z.looseObject({ gadgets: z.array(z.looseObject({ moduleKey: z.string().optional() })) });


export function jiraSetupProbe(localId: string | undefined): SetupProbe {
  return {
    async editHolders(projectKey, limit) {
      const permission = appPermissionKey(localId);
      const response = await api.asApp().requestJira(route`/rest/api/3/user/permission/search?permissions=${permission}&projectKey=${projectKey}&maxResults=${limit}`, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(`Jira answered ${response.status} to a permission holders lookup`);
      return (await readJson(response, z.array(Holder), 'A permission holders lookup'))
        .filter((u) => (u.accountType ?? 'atlassian') === 'atlassian' && u.active !== false)
        .map((u) => u.displayName ?? '');
    },
    async dashboardsWithGadgets(gadgetKeys, limit) {
      const response = await api.asUser().requestJira(route`/rest/api/3/dashboard/search?maxResults=${limit}`, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(`Jira answered ${response.status} to a dashboard search`);
      const page = await readJson(response, DashboardPage, 'A dashboard search');
      const found: Array<{ id: string; name: string }> = [];
      for (const dashboard of page.values ?? []) {
        const gadgets = await api.asUser().requestJira(route`/rest/api/3/dashboard/${dashboard.id}/gadget`, { headers: { Accept: 'application/json' } });
        if (!gadgets.ok) continue;
        // A Forge gadget's module key as Jira lists it ends with the manifest key (the prefix names app and environment; assumed).
        const keys = (await readJson(gadgets, Gadgets, `Reading the gadgets of dashboard ${dashboard.id}`)).gadgets.map((g) => g.moduleKey ?? '');
        if (keys.some((key) => gadgetKeys.some((wanted) => key === wanted || key.endsWith(`/${wanted}`) || key.endsWith(`__${wanted}`)))) found.push({ id: dashboard.id, name: dashboard.name });
      }
      return found;
    },
  };
}
