/**
 * Jira's own addresses, answered as Jira would: the shell is one page with its locations in the hash,
 * so a link or a navigation to a Jira URL (a deal's remote link, a gadget opening the board, the
 * dashboards' `view` links) redirects to the same place in the shell.
 *
 *   /jira/software/projects/KEY/apps/<appId>/<environmentId>[/route]   the app's project page (Jira's form)
 *   /jira/software/projects/KEY/apps/<moduleKey>[/route]                the same, by module key (the sandbox's context URLs)
 *   /jira/software/projects/KEY[/issues]   /browse/KEY   /browse/KEY-12   /jira/dashboards/<id>
 */
export interface JiraUrlSite {
  appId: string;
  environmentId: string;
  /** The app's jira:projectPage module keys; the first is the one Jira's app URL opens. */
  projectPages: string[];
}

export function shellLocationFor(pathname: string, search: string, site: JiraUrlSite): string | null {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const enc = (part: string) => encodeURIComponent(part);
  if (parts[0] === 'browse' && parts[1]) {
    const key = parts[1].toUpperCase();
    const issue = /^([A-Z][A-Z0-9]+)-\d+$/.exec(key);
    return issue ? `/#/projects/${enc(issue[1]!)}/issues/${enc(key)}` : `/#/projects/${enc(key)}/issues`;
  }
  if (parts[0] === 'jira' && parts[1] === 'dashboards' && parts[2]) return `/#/dashboards/${enc(parts[2])}`;
  if (parts[0] !== 'jira' || parts[1] !== 'software' || parts[2] !== 'projects' || !parts[3]) return null;
  const project = enc(parts[3].toUpperCase());
  if (parts[4] !== 'apps') return `/#/projects/${project}/issues`;
  let moduleKey: string | undefined;
  let route: string[] = [];
  if (parts[5] === site.appId && parts[6] === site.environmentId) {
    moduleKey = site.projectPages[0];
    route = parts.slice(7);
  } else if (parts[5] && site.projectPages.includes(parts[5])) {
    moduleKey = parts[5];
    route = parts.slice(6);
  }
  if (!moduleKey) return null;
  return `/#/projects/${project}/apps/${enc(moduleKey)}${route.length > 0 ? `/${route.map(enc).join('/')}` : ''}${search}`;
}
