import Button from '@atlaskit/button/new';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { PipelineRecord } from '../../../src/contracts/pipeline';
import type { FiscalCalendar } from '../../../src/domain/periods';
import { isoDateOf } from '../../../src/domain/periods';
import { api } from '../lib/api';
import { Card, PageSkeleton } from '../lib/components';
import { AccessNote } from '../lib/access-note';
import { useForgeContext } from '../lib/context';
import { revealInPage } from '../lib/dialog-in-view';
import { t } from '../lib/i18n';
import { useVersionedForm } from '../lib/use-versioned-form';
import type { Checked } from './pipeline-draft';
import { SaveFooter } from './SaveFooter';
import { addStage, addTarget, checkDraft, draftOf, moveStage, nextFreePeriod, periodChoices, removeStage, removeTarget, sameDraft, splitFieldErrors, updateStage, updateTarget } from './pipeline-draft';
import type { StageAction } from './StageEditor';
import { StageEditor } from './StageEditor';
import { TargetsEditor } from './TargetsEditor';
import '../lib/areas/settings';

/** Below the pipeline editor, with its own ADF preview and Jira lookups: a chunk of its own. */
const HandoffSettings = lazy(() => import('./handoff/HandoffSettings').then((m) => ({ default: m.HandoffSettings })));

type Problems = Pick<Checked, 'fields' | 'general'>;
const NO_PROBLEMS: Problems = { fields: {}, general: [] };

let newIds = 0;
/** Stage ids are made here for new stages; the schema allows letters, digits, - and _. */
function newStageId(): string {
  newIds += 1;
  return `stage-${Date.now().toString(36)}-${newIds}`;
}

/**
 * The pipeline editor of Project settings → Relay CRM. Edits stay in a local draft until Save,
 * which checks the draft exactly as the server will (field messages beside fields) and sends it
 * with the version it was read at; a CONFLICT offers the version someone else saved, a server
 * VALIDATION lands beside the fields it names. Read only for users who cannot administer the project.
 */
export function PipelineSettings({ projectKey, projectName, initial, canAdmin, calendar }: { projectKey: string; projectName: string; initial: PipelineRecord; canAdmin: boolean; calendar: FiscalCalendar }) {
  const form = useVersionedForm({
    initial,
    draftOf,
    sameDraft,
    check: (draft, record) => checkDraft(draft, projectKey, record.version),
    send: (input) => api.pipelines.update(input),
    noServerErrors: NO_PROBLEMS,
    serverErrors: (fields) => splitFieldErrors(fields),
    parseCurrent: (current) => {
      const parsed = PipelineRecord.safeParse(current);
      return parsed.success ? parsed.data : null;
    },
    savedMessage: t('settings.saved'),
    saveFailedMessage: t('settings.saveFailed'),
  });
  const { record, draft, attempted, change } = form;
  const serverProblems = form.serverErrors;
  const [announcement, setAnnouncement] = useState('');
  const focusAfter = useRef<{ stageId: string; action: StageAction | 'added' } | null>(null);
  const readOnly = !canAdmin;

  const { locale } = useForgeContext();
  const today = useMemo(() => isoDateOf(Date.now()), []);
  const periods = useMemo(() => periodChoices(today, draft.targets.map((target) => target.period), calendar, locale), [today, draft.targets, calendar, locale]);

  // Messages follow the edits once a save was tried; server messages stay until the next save.
  const clientProblems = attempted ? checkDraft(draft, projectKey, record.version) : NO_PROBLEMS;
  const problems: Problems = { fields: { ...serverProblems.fields, ...clientProblems.fields }, general: [...new Set([...clientProblems.general, ...serverProblems.general])] };

  // After a keyboard move, focus stays on the button that moved the stage, at its new place.
  useEffect(() => {
    const request = focusAfter.current;
    if (!request) return;
    focusAfter.current = null;
    const card = document.querySelector(`[data-stage-id="${CSS.escape(request.stageId)}"]`);
    if (request.action === 'added' && card) {
      // A new stage goes in before won and lost, maybe out of sight: bring it to the user, ready to rename.
      revealInPage(card.getBoundingClientRect());
      const input = card.querySelector<HTMLInputElement>('input');
      input?.focus({ preventScroll: true });
      input?.select();
      return;
    }
    const wanted = card?.querySelector<HTMLButtonElement>(`button[data-testid$="-${request.action}"]:not([disabled])`);
    const fallback = card?.querySelector<HTMLButtonElement>('button[data-testid$="-up"]:not([disabled]), button[data-testid$="-down"]:not([disabled])');
    (wanted ?? fallback)?.focus();
  }, [draft]);

  const onStageAction = (index: number, action: StageAction) => {
    const stage = draft.stages[index];
    if (!stage) return;
    if (action === 'remove') {
      change(removeStage(draft, index));
      return;
    }
    const to = index + (action === 'up' ? -1 : 1);
    focusAfter.current = { stageId: stage.id, action };
    change(moveStage(draft, index, action === 'up' ? -1 : 1));
    setAnnouncement(t('settings.stage.moved', { name: stage.name || t('settings.stage.label', { n: to + 1 }), n: to + 1, count: draft.stages.length }));
  };

  const onAddStage = () => {
    const id = newStageId();
    const next = addStage(draft, id, t('settings.stages.newName', { n: draft.stages.length + 1 }));
    focusAfter.current = { stageId: id, action: 'added' };
    change(next);
    const at = next.stages.findIndex((s) => s.id === id);
    setAnnouncement(t('settings.stage.added', { n: at + 1, count: next.stages.length }));
  };

  const onAddTarget = () => {
    const used = draft.targets.map((target) => target.period);
    const currency = draft.targets[draft.targets.length - 1]?.currency ?? 'USD';
    change(addTarget(draft, `new-${newStageId()}`, nextFreePeriod(today, used, calendar), currency));
  };

  const invalid = attempted && (Object.keys(problems.fields).length > 0 || problems.general.length > 0);

  return (
    <>
      <form
        className="relay-settings relay-form"
        aria-label={t('settings.title')}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!readOnly) void form.save();
        }}
      >
        {readOnly ? (
          <AccessNote need="administer" projectKey={projectKey} projectName={projectName} testId="settings-read-only" />
        ) : null}

        <Card title={t('settings.stages.title')} testId="stages-card">
          <p className="relay-muted">{t('settings.stages.help')}</p>
          {problems.general.length > 0 ? (
            <ul className="relay-problems" data-testid="pipeline-problems" role="alert">
              {problems.general.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
          <ol className="relay-stages" data-testid="stages">
            {draft.stages.map((stage, index) => (
              <StageEditor
                key={stage.id}
                stage={stage}
                index={index}
                count={draft.stages.length}
                readOnly={readOnly}
                errors={problems.fields}
                onChange={(patch) => change(updateStage(draft, index, patch))}
                onAction={(action) => onStageAction(index, action)}
              />
            ))}
          </ol>
          <div className="relay-visually-hidden" aria-live="polite" data-testid="stage-announcement">
            {announcement}
          </div>
          {readOnly ? null : (
            <div>
              <Button onClick={onAddStage} testId="stage-add">
                {t('settings.stages.add')}
              </Button>
            </div>
          )}
        </Card>

        <Card title={t('settings.targets.title')} testId="targets-card">
          <p className="relay-muted">{t('settings.targets.help')}</p>
          <TargetsEditor
            targets={draft.targets}
            periods={periods}
            readOnly={readOnly}
            errors={problems.fields}
            onChange={(index, patch) => change(updateTarget(draft, index, patch))}
            onAdd={onAddTarget}
            onRemove={(index) => change(removeTarget(draft, index))}
          />
        </Card>

        <SaveFooter
          testIdPrefix="settings"
          labels={{
            conflictTitle: t('settings.conflict.title'),
            conflictLoad: t('settings.conflict.load'),
            invalid: t('settings.invalid.title'),
            saveFailed: t('settings.saveFailed'),
            unsaved: t('settings.unsaved'),
            discard: t('settings.discard'),
            save: t('settings.save'),
            saving: t('common.saving'),
          }}
          {...form.footer}
          invalid={invalid}
          readOnly={readOnly}
        />
      </form>
      {/* Its own form and save after the pipeline's: the template is a separate record with its own version. */}
      <Suspense fallback={<PageSkeleton rows={3} />}>
        <HandoffSettings projectKey={projectKey} canAdmin={canAdmin} />
      </Suspense>
    </>
  );
}
