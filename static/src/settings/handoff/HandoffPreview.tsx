import Lozenge from '@atlaskit/lozenge';
import { AsyncSelect } from '@atlaskit/select';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { PreviewResult, TemplateRecord } from '../../../../src/contracts/handoff';
import { api } from '../../lib/api';
import { ApiError } from '../../lib/api-error';
import { ErrorBanner, PageSkeleton } from '../../lib/components';
import { useForgeContext } from '../../lib/context';
import { t } from '../../lib/i18n';
import { renderAdf } from './adf';
import { formatDueDate } from './preview-format';
import '../../lib/areas/settings';

interface DealOption {
  value: string;
  label: string;
}

type Preview = z.infer<typeof PreviewResult>;
type PreviewState = { status: 'idle' } | { status: 'loading' } | { status: 'ok'; data: Preview } | { status: 'error'; error: unknown };

interface Props {
  projectKey: string;
  /** The saved template: the preview is built from it on the server, not from the draft. */
  template: TemplateRecord;
  dirty: boolean;
  nameOf: (accountId: string) => string;
  projectName: string | null;
}

/** The deal picker's search: deals of this project whose name matches what was typed. */
async function searchDeals(projectKey: string, text: string): Promise<DealOption[]> {
  if (text.trim().length === 0) return [];
  const found = await api.deals.search({ projectKey, text: text.trim(), limit: 10 });
  return found.items.map((deal) => ({ value: deal.id, label: deal.name }));
}

/**
 * "Preview": pick a deal (searched by name) and see the issue the saved template would create for
 * it — project, type, summary, assignee, due date, labels, checklist children and the ADF
 * description drawn as Jira would. One `handoff/preview` per chosen deal, asked again after a save
 * (the template's version changes), so the preview never shows a template that is not stored.
 */
export function HandoffPreview({ projectKey, template, dirty, nameOf, projectName }: Props) {
  const { locale } = useForgeContext();
  const [deal, setDeal] = useState<DealOption | null>(null);
  const [preview, setPreview] = useState<PreviewState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!deal || !template.configured) {
      setPreview({ status: 'idle' });
      return undefined;
    }
    let live = true;
    setPreview({ status: 'loading' });
    api.handoff.preview({ dealId: deal.value }).then(
      (data) => live && setPreview({ status: 'ok', data }),
      (error: unknown) => live && setPreview({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [deal, template.version, template.configured, attempt]);

  const noTemplate = !template.configured || (preview.status === 'error' && preview.error instanceof ApiError && preview.error.code === 'NOT_FOUND' && preview.error.details.reason === 'NO_TEMPLATE');

  return (
    <section className="relay-handoff-preview" aria-labelledby="handoff-preview-title" data-testid="handoff-preview">
      <h3 className="relay-subtitle" id="handoff-preview-title">
        {t('settings.handoff.preview.title')}
      </h3>
      <p className="relay-muted">{t('settings.handoff.preview.help')}</p>
      {dirty ? <p className="relay-handoff-warning">{t('settings.handoff.preview.unsaved')}</p> : null}
      {template.configured && !template.enabled ? <p className="relay-handoff-warning">{t('settings.handoff.preview.off')}</p> : null}
      {noTemplate ? (
        <p className="relay-muted" data-testid="handoff-preview-no-template">
          {t('settings.handoff.preview.notConfigured')}
        </p>
      ) : (
        <div className="relay-field">
          <label htmlFor="handoff-preview-deal">{t('settings.handoff.preview.deal')}</label>
          <AsyncSelect<DealOption>
            inputId="handoff-preview-deal"
            cacheOptions
            loadOptions={(text: string) => searchDeals(projectKey, text)}
            value={deal}
            placeholder={t('settings.handoff.preview.dealPlaceholder')}
            loadingMessage={() => t('settings.handoff.preview.searching')}
            noOptionsMessage={({ inputValue }: { inputValue: string }) => (inputValue.trim() ? t('settings.handoff.preview.noDeals', { text: inputValue.trim() }) : t('settings.handoff.preview.typeToSearch'))}
            onChange={(option) => setDeal(option)}
          />
        </div>
      )}
      {preview.status === 'loading' ? <PageSkeleton rows={4} label={t('settings.handoff.preview.loading')} /> : null}
      {preview.status === 'error' && !noTemplate ? <ErrorBanner error={preview.error} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {preview.status === 'ok' ? <IssuePreview issue={preview.data} locale={locale} nameOf={nameOf} projectName={projectName} /> : null}
    </section>
  );
}

function IssuePreview({ issue, locale, nameOf, projectName }: { issue: Preview; locale: string; nameOf: (accountId: string) => string; projectName: string | null }) {
  const none = t('settings.handoff.preview.none');
  return (
    <article className="relay-handoff-issue" aria-label={t('settings.handoff.preview.issue')} data-testid="handoff-preview-issue">
      <p className="relay-handoff-issue__summary" data-testid="handoff-preview-summary">
        {issue.summary}
      </p>
      <dl className="relay-facts">
        <dt>{t('settings.handoff.preview.project')}</dt>
        <dd data-testid="handoff-preview-project">{projectName ? `${projectName} (${issue.projectKey})` : issue.projectKey}</dd>
        <dt>{t('settings.handoff.preview.type')}</dt>
        <dd data-testid="handoff-preview-type">{issue.issueTypeName}</dd>
        <dt>{t('settings.handoff.preview.assignee')}</dt>
        <dd data-testid="handoff-preview-assignee">{issue.assigneeAccountId ? nameOf(issue.assigneeAccountId) : t('settings.handoff.unassigned')}</dd>
        <dt>{t('settings.handoff.preview.due')}</dt>
        <dd data-testid="handoff-preview-due">{formatDueDate(issue.duedate, locale)}</dd>
        <dt>{t('settings.handoff.preview.labels')}</dt>
        <dd data-testid="handoff-preview-labels">
          {issue.labels.length > 0 ? (
            <span className="relay-handoff-issue__labels">
              {issue.labels.map((label) => (
                <Lozenge key={label}>{label}</Lozenge>
              ))}
            </span>
          ) : (
            none
          )}
        </dd>
        <dt>{t('settings.handoff.preview.children')}</dt>
        <dd data-testid="handoff-preview-children">
          {issue.checklist.length > 0 ? (
            <ul>
              {issue.checklist.map((line, i) => (
                <li key={`${i}-${line}`}>{line}</li>
              ))}
            </ul>
          ) : (
            none
          )}
        </dd>
      </dl>
      <div>
        <span className="relay-handoff-label">{t('settings.handoff.preview.description')}</span>
        <div className="relay-handoff-description" data-testid="handoff-preview-description">
          {renderAdf(issue.description)}
        </div>
      </div>
    </article>
  );
}
