import { crmProjectStore, handoffStore, leadSecretStore, leadSettingsStore, metricsStore } from '../../ports/registry';
import type { SetupProbe } from '../../ports/delivery';
import type { SetupResult, SetupStep } from '../../contracts/setup';
import { canRoute } from '../../domain/lead-routing';
import type { UseCaseContext } from '../context';
import { forbidden } from '../errors';

/** Module keys in manifest.yml the steps link to or look for. */
export const SETUP_MODULES = { projectPage: 'relay-crm', projectSettings: 'relay-crm-settings', admin: 'relay-admin', gadgets: ['relay-pipeline-gadget', 'relay-renewals-gadget'] } as const;
/** How many holders and dashboards the page names (enough to tell "someone" from "nobody"). */
const HOLDERS_SHOWN = 10;
const DASHBOARDS_SEARCHED = 50;

/**
 * The Get started checklist, each step detected on the site as it is now (PRODUCT.md: the admin's
 * first ten minutes). Jira administrators only: it names people and reads every CRM project.
 * The inbound-lead endpoint is done once it can take a lead: a signing secret is set and the routing names an owner.
 */
export async function setupChecklist(ctx: UseCaseContext, probe: SetupProbe): Promise<SetupResult> {
  if (!(await ctx.access.isSiteAdmin())) throw forbidden('Only Jira administrators can see Relay’s Get started checklist.');
  const projects = (await Promise.all((await crmProjectStore.crmProjectIds(ctx.clock.now())).map((id) => ctx.access.projectById(id)))).filter((p) => p !== undefined);
  projects.sort((a, b) => a.key.localeCompare(b.key));
  const keys = projects.map((p) => p.key);
  const first = keys[0];
  const inProject = (moduleKey: string) => (first ? { kind: 'module' as const, moduleKey, projectKey: first } : { kind: 'jira' as const, path: '/jira/projects' });

  const holders: Record<string, string[]> = {};
  for (const project of projects) holders[project.key] = await probe.editHolders(project.key, HOLDERS_SHOWN);
  const withoutHolders = keys.filter((key) => (holders[key] ?? []).length === 0);

  const templates = await Promise.all(projects.map(async (p) => ((await handoffStore.readTemplate(p.id))?.enabled ? p.key : null)));
  const withTemplate = templates.filter((key): key is string => key !== null);

  const metrics = await Promise.all(projects.map((p) => metricsStore.readMetrics(p.id)));
  const currencies = [...new Set(metrics.flatMap((m) => (m?.unconverted ?? []).map((u) => u.currency)))].sort();
  const withoutFigures = keys.filter((_key, i) => !metrics[i]);

  const dashboards = await probe.dashboardsWithGadgets(SETUP_MODULES.gadgets, DASHBOARDS_SEARCHED);
  // Read by key (not queried): a secret set or routing saved a moment ago shows at once.
  const [secret, leadSettings] = await Promise.all([leadSecretStore.readSecretState(), leadSettingsStore.readLeadSettings()]);
  const leadsReady = secret.state !== null && canRoute(leadSettings.settings.routing);

  const steps: SetupStep[] = [
    { id: 'crm-enabled', state: keys.length > 0 ? 'done' : 'todo', projectKeys: keys, link: inProject(SETUP_MODULES.projectPage) },
    {
      id: 'edit-permission',
      state: keys.length > 0 && withoutHolders.length === 0 ? 'done' : 'todo',
      projectKeys: withoutHolders,
      holders,
      link: { kind: 'jira', path: first ? `/plugins/servlet/project-config/${withoutHolders[0] ?? first}/permissions` : '/jira/projects' },
    },
    { id: 'handoff-template', state: withTemplate.length > 0 ? 'done' : 'todo', projectKeys: withTemplate, link: inProject(SETUP_MODULES.projectSettings) },
    // Rates are complete once every CRM project has its daily figures and no deal's currency lacks a rate.
    { id: 'exchange-rates', state: keys.length > 0 && withoutFigures.length === 0 && currencies.length === 0 ? 'done' : 'todo', projectKeys: withoutFigures, currencies, link: { kind: 'module', moduleKey: SETUP_MODULES.admin } },
    { id: 'inbound-leads', state: leadsReady ? 'done' : 'todo', projectKeys: [], link: { kind: 'module', moduleKey: SETUP_MODULES.admin } },
    { id: 'gadgets', state: dashboards.length > 0 ? 'done' : 'todo', projectKeys: [], dashboards, link: { kind: 'jira', path: '/jira/dashboards' } },
  ];
  return { steps, done: steps.filter((s) => s.state === 'done').length, total: steps.length };
}
