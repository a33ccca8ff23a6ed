import { useCallback } from 'react';
import { api } from './api';
import { Banner } from './banner';
import type { MessageKey } from './i18n';
import { listText, t } from './i18n';
import { useAsync } from './use-async';

/** What the user lacks, in the words the note uses (each names the Jira permission and where it is held). */
export type Need = 'edit-deals' | 'edit-shared' | 'administer' | 'enable';

const SENTENCE: Record<Need, MessageKey> = {
  'edit-deals': 'access.need.edit-deals',
  'edit-shared': 'access.need.edit-shared',
  administer: 'access.need.administer',
  enable: 'access.need.enable',
};

/**
 * A permission dead end explained: what the user cannot do here, the Jira permission it needs, and
 * who can grant it — the project's admins by name, as Jira knows them (`projects/admins`, asked only
 * when the note is shown). Without names (none, or Jira would not say) it points to a Jira admin.
 */
export function AccessNote({ need, projectKey, projectName, testId = 'access-note' }: { need: Need; projectKey: string; projectName: string; testId?: string }) {
  const admins = useAsync(useCallback(() => api.projects.admins({ projectKey }), [projectKey]));
  const names = admins.status === 'ok' ? admins.data.admins.map((a) => a.displayName ?? '').filter(Boolean) : [];
  let who: string;
  if (admins.status === 'loading') who = t('access.who.loading');
  else if (names.length === 0) who = t('access.who.jiraAdmin');
  else who = t(names.length === 1 ? 'access.who.one' : 'access.who.other', { names: listText(names), project: projectName });
  return (
    <Banner tone="info" role="note" testId={testId}>
      <p className="relay-banner__message" data-testid={`${testId}-need`}>
        {t(SENTENCE[need], { project: projectName })}
      </p>
      <p className="relay-banner__message" data-testid={`${testId}-who`}>
        {who}
      </p>
    </Banner>
  );
}
