import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import Lozenge from '@atlaskit/lozenge';
import { useState } from 'react';
import { defaultPipeline } from '../../../src/domain/pipeline';
import { api } from '../lib/api';
import { ErrorBanner, flagError, flagSuccess } from '../lib/components';
import { t } from '../lib/i18n';
import { useProject } from '../lib/project';
import { AccessNote } from '../lib/access-note';
import { criteriaLabel, forecastLabel } from '../settings/labels';

/** The stages a project starts with, from the same domain function the server enables with. */
function previewStages() {
  let n = 0;
  return defaultPipeline(() => `preview-${++n}`).stages;
}

/** What "Enable CRM" will create: the default stages, their probabilities and exit criteria. */
function DefaultPipelinePreview() {
  const stages = previewStages();
  return (
    <section className="relay-preview" aria-labelledby="relay-preview-title" data-testid="default-pipeline-preview">
      <h2 id="relay-preview-title" className="relay-card__title">
        {t('enable.preview.title')}
      </h2>
      <p className="relay-muted">{t('enable.preview.body')}</p>
      <ol className="relay-preview__stages">
        {stages.map((stage) => (
          <li key={stage.id} className="relay-preview__stage">
            <div className="relay-preview__head">
              <strong>{stage.name}</strong>
              {/* Never shrunk: a lozenge squeezed by a long stage name truncates "100 %" to "1…". */}
              <span className="relay-preview__probability" data-testid="preview-probability">
                <Lozenge appearance={stage.outcome === 'won' ? 'success' : stage.outcome === 'lost' ? 'removed' : 'default'} maxWidth="none">
                  {t('records.value.percent', { value: stage.probability })}
                </Lozenge>
              </span>
            </div>
            <p className="relay-muted">{forecastLabel(stage.forecastCategory)}</p>
            <p className="relay-preview__criteria">
              {stage.exitCriteria.length === 0 ? t('enable.preview.noCriteria') : t(stage.outcome === 'won' ? 'enable.preview.ready' : 'enable.preview.criteria', { fields: stage.exitCriteria.map(criteriaLabel).join(', ') })}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * The first visit to a project without the CRM: what Relay will set up, and who can do it. Project
 * admins enable it here (pipelines/enable), then the whole page reloads its project context; anyone
 * else learns that it takes a project administrator, instead of meeting a refused button.
 */
export function EnableCrm() {
  const project = useProject();
  const [enabling, setEnabling] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  if (project.status !== 'ok') return null;
  const { projectKey, projectName, canAdmin } = project.data;

  const enable = async () => {
    setEnabling(true);
    setFailure(null);
    try {
      await api.pipelines.enable({ projectKey });
      flagSuccess(t('enable.done', { project: projectName }));
      project.reload();
    } catch (error) {
      setFailure(error);
      flagError(error, t('enable.failed'));
      setEnabling(false);
    }
  };

  return (
    <div className="relay-enable" data-testid="enable-crm">
      <EmptyState
        header={t('enable.title')}
        headingLevel={2}
        description={t('enable.body', { project: projectName })}
        primaryAction={
          canAdmin ? (
            <Button appearance="primary" isLoading={enabling} onClick={() => void enable()} testId="enable-crm-button">
              {t('enable.button')}
            </Button>
          ) : undefined
        }
      />
      {canAdmin ? null : (
        <AccessNote need="enable" projectKey={projectKey} projectName={projectName} testId="enable-crm-who" />
      )}
      {failure ? <ErrorBanner error={failure} /> : null}
      <DefaultPipelinePreview />
    </div>
  );
}
