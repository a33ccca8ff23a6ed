import { Button, Inline, Label, LoadingButton, SectionMessage, Select, Spinner, Stack, Text, Textfield } from '@forge/react';
import { useCallback, useRef, useState } from 'react';
import type { DealRecord } from '../contracts/deal';
import type { RelayApi } from './call-client';
import { CallFailure } from './call-client';
import { FailureMessage } from './failure-message';
import type { FormatOptions } from './format';
import { formatMoney } from './format';
import { t, tCount } from './i18n';
import type { BrowsableProject, RequestJira } from './jira-projects';
import { browsableProjects, ProjectListError } from './jira-projects';

interface ProjectOption {
  label: string;
  value: string;
}

type Projects = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; items: BrowsableProject[] } | { status: 'failed'; message: string };

export interface LinkDealFormProps {
  api: RelayApi;
  requestJira: RequestJira;
  format: FormatOptions;
  /** True while the panel's link call runs: the pick buttons show it. */
  linking: boolean;
  onLink: (dealId: string) => void;
}

/**
 * "Link deal" on an issue without a deal: the user opens the form, picks the CRM project from the
 * projects Jira lets them browse, types part of the deal's name and links one of the open deals
 * `deals/search` finds. The project list is asked for only when the form opens, so an issue view
 * that never links costs no Jira request.
 */
export function LinkDealForm({ api, requestJira, format, linking, onLink }: LinkDealFormProps) {
  const [open, setOpen] = useState(false);
  const [projects, setProjects] = useState<Projects>({ status: 'idle' });
  const [project, setProject] = useState<ProjectOption | null>(null);
  const [text, setText] = useState('');
  const [searching, setSearching] = useState(false);
  const [matches, setMatches] = useState<{ projectKey: string; text: string; items: DealRecord[] } | null>(null);
  const [failure, setFailure] = useState<CallFailure | null>(null);
  const search = useRef(0);

  const openForm = useCallback(() => {
    setOpen(true);
    setProjects({ status: 'loading' });
    browsableProjects(requestJira).then(
      (items) => setProjects({ status: 'ready', items }),
      (error: unknown) => setProjects({ status: 'failed', message: error instanceof ProjectListError ? t('link.projectsFailed', { status: error.status }) : String(error) }),
    );
  }, [requestJira]);

  const runSearch = useCallback(() => {
    if (!project || text.trim() === '') return;
    search.current += 1;
    const id = search.current;
    const query = { projectKey: project.value, text: text.trim() };
    setSearching(true);
    setFailure(null);
    api.deals.search(query).then(
      (answer) => {
        if (id !== search.current) return;
        setSearching(false);
        setMatches({ ...query, items: answer.items });
      },
      (error: unknown) => {
        if (id !== search.current) return;
        setSearching(false);
        setMatches(null);
        setFailure(error instanceof CallFailure ? error : new CallFailure('INTERNAL', String(error), 'deals/search'));
      },
    );
  }, [api, project, text]);

  if (!open) {
    return (
      <Inline>
        <Button appearance="primary" onClick={openForm}>
          {t('action.linkDeal')}
        </Button>
      </Inline>
    );
  }

  const options: ProjectOption[] = projects.status === 'ready' ? projects.items.map((p) => ({ label: `${p.name} (${p.key})`, value: p.key })) : [];

  return (
    <Stack space="space.100">
      {projects.status === 'loading' ? <Spinner label={t('link.project')} /> : null}
      {projects.status === 'failed' ? (
        <SectionMessage appearance="error" title={t('error.title')}>
          <Text>{projects.message}</Text>
        </SectionMessage>
      ) : null}
      {projects.status === 'ready' && options.length === 0 ? <Text>{t('link.noProjects')}</Text> : null}
      {options.length > 0 ? (
        <Stack space="space.050">
          <Label labelFor="relay-link-project">{t('link.project')}</Label>
          <Select
            inputId="relay-link-project"
            id="relay-link-project"
            options={options}
            value={project}
            placeholder={t('link.projectPlaceholder')}
            onChange={(option: ProjectOption | null) => {
              setProject(option);
              setMatches(null);
            }}
          />
          <Label labelFor="relay-link-text">{t('link.text')}</Label>
          <Textfield id="relay-link-text" value={text} onChange={(e: { target: { value: string } }) => setText(e.target.value)} />
          <Inline space="space.100">
            <LoadingButton appearance="primary" isLoading={searching} isDisabled={!project || text.trim() === ''} onClick={runSearch}>
              {t('link.search')}
            </LoadingButton>
            <Button appearance="subtle" onClick={() => setOpen(false)}>
              {t('link.cancel')}
            </Button>
          </Inline>
        </Stack>
      ) : null}
      {failure ? <FailureMessage failure={failure} /> : null}
      {matches && matches.items.length === 0 ? <Text>{t('link.noMatches', { projectKey: matches.projectKey, text: matches.text })}</Text> : null}
      {matches && matches.items.length > 0 ? (
        <Stack space="space.050">
          <Text>{tCount({ one: 'link.matches.one', other: 'link.matches.other' }, matches.items.length)}</Text>
          {matches.items.map((deal) => (
            <Inline key={deal.id} space="space.100" alignBlock="center">
              <Text>{deal.amountMinor === null ? deal.name : `${deal.name} · ${formatMoney(deal.amountMinor, deal.currency, format)}`}</Text>
              <LoadingButton isLoading={linking} onClick={() => onLink(deal.id)}>
                {t('link.pick', { name: deal.name })}
              </LoadingButton>
            </Inline>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
