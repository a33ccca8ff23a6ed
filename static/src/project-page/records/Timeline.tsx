import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import type { FormEvent } from 'react';
import { useCallback, useEffect, useRef } from 'react';
import type { TimelineRecord } from '../../../../src/contracts/activity';
import { ACTIVITY_KINDS } from '../../../../src/domain/activity';
import { api } from '../../lib/api';
import { ErrorBanner } from '../../lib/components';
import { DateField } from '../../lib/controls';
import { useForgeContext } from '../../lib/context';
import { hasMessage, t } from '../../lib/i18n';
import type { ChangeNames } from './format';
import { changeSentences, dateText, instantText } from './format';
import { buildActivityInput } from './forms';
import { useCreateForm } from './use-create-form';
import { SYSTEM_ACTOR, usePeople } from '../../lib/people';
import { useCursorList } from './use-cursor-list';
import { Field, FormError, NativeSelect } from './ui';

type RecordType = 'deal' | 'company' | 'contact';

/** Everyone an entry names: who acted, a task's owner, and owners an audit entry changed. */
function peopleNamedBy(entry: TimelineRecord): string[] {
  if (entry.kind !== 'change') return [entry.actorId, ...(entry.task ? [entry.task.ownerId] : [])];
  const owners = entry.changes.filter((c) => c.field === 'ownerId').flatMap((c) => [c.from, c.to]).filter((v): v is string => typeof v === 'string');
  return [entry.actorId, ...owners];
}

function kindLabel(kind: string): string {
  const key = `records.activity.kind.${kind}`;
  return hasMessage(key) ? t(key) : kind;
}

/**
 * A record's timeline, newest first: what people logged (notes, calls, meetings, emails, tasks) and
 * the audit trail written by every change ("Sam Seller changed Amount from €12,000 to €15,000").
 * `version` is the record's version: when an edit elsewhere in the drawer bumps it, the timeline
 * reloads and shows the new audit entry.
 */
export function Timeline({ recordType, recordId, names, canEdit, version, changedAt }: { recordType: RecordType; recordId: string; names: ChangeNames; canEdit: boolean; version: number; changedAt?: number }) {
  const context = useForgeContext();
  const fetchPage = useCallback((cursor: string | undefined) => api.timeline.list({ recordType, recordId, limit: 20, ...(cursor ? { cursor } : {}) }), [recordType, recordId]);
  const list = useCursorList<TimelineRecord>(fetchPage, `${recordType}:${recordId}:${version}`, 20);
  useCatchUpAfterEdit(version, changedAt, list.refresh);
  const { nameOf } = usePeople(list.items.flatMap(peopleNamedBy));
  const withLocale: ChangeNames = { ...names, locale: context.locale, userName: nameOf };

  return (
    <section className="relay-timeline" aria-labelledby={`timeline-${recordId}`} data-testid="timeline">
      <h3 id={`timeline-${recordId}`} className="relay-section-title">
        {t('records.timeline.title')}
      </h3>
      {canEdit ? <LogActivity recordType={recordType} recordId={recordId} onLogged={(entry) => list.insert(entry, (a, b) => a.at > b.at)} /> : null}
      {list.status === 'error' ? <ErrorBanner error={list.error} onRetry={list.reload} /> : null}
      {list.status === 'loading' ? <p className="relay-muted">{t('common.loading')}</p> : null}
      {list.status !== 'loading' && list.items.length === 0 && list.status !== 'error' ? <p className="relay-muted">{t('records.timeline.empty')}</p> : null}
      <ol className="relay-timeline__list">
        {list.items.map((entry) => (
          <li key={entry.id} className="relay-timeline__entry" data-testid="timeline-entry" data-kind={entry.kind}>
            {entry.kind === 'change' ? (
              <>
                {changeSentences(nameOf(entry.actorId), entry.changes, { ...withLocale, bySystem: entry.actorId === SYSTEM_ACTOR }, recordType).map((sentence, i) => (
                  <p key={i} className="relay-timeline__change">
                    {sentence}
                  </p>
                ))}
              </>
            ) : (
              <>
                <p className="relay-timeline__head">
                  <Lozenge appearance={entry.kind === 'task' ? (entry.task?.overdue ? 'removed' : 'inprogress') : 'default'}>{kindLabel(entry.kind)}</Lozenge>{' '}
                  <strong>{entry.subject}</strong>
                </p>
                {entry.body ? <p className="relay-timeline__body">{entry.body}</p> : null}
                {entry.task ? (
                  <p className="relay-muted">
                    {t(entry.task.state === 'done' ? 'records.activity.taskDone' : entry.task.overdue ? 'records.activity.taskOverdue' : 'records.activity.taskDue', {
                      date: dateText(new Date(entry.task.dueAt).toISOString().slice(0, 10), context.locale),
                      owner: nameOf(entry.task.ownerId),
                    })}
                  </p>
                ) : null}
              </>
            )}
            <p className="relay-timeline__meta">{t('records.timeline.meta', { actor: nameOf(entry.actorId), at: instantText(entry.at, context.locale, context.timezone) })}</p>
          </li>
        ))}
      </ol>
      {list.nextCursor ? (
        <Button onClick={list.loadMore} isLoading={list.status === 'more'}>
          {t('records.timeline.more')}
        </Button>
      ) : null}
    </section>
  );
}

/**
 * Seconds after an edit at which the timeline reads again. It is a storage query, which may show the
 * edit's audit entry only a moment later (Forge's entity queries are eventually consistent).
 */
const CATCH_UP_MS = [2_500, 6_000];

/** Reads again after an edit made here (a new version), or when the record was changed just before the timeline opened. */
function useCatchUpAfterEdit(version: number, changedAt: number | undefined, refresh: () => void): void {
  const first = useRef(version);
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  useEffect(() => {
    const justChanged = changedAt !== undefined && Date.now() - changedAt < CATCH_UP_MS.at(-1)!;
    if (version === first.current && !justChanged) return undefined;
    const timers = CATCH_UP_MS.map((ms) => setTimeout(() => refreshRef.current(), ms));
    return () => timers.forEach(clearTimeout);
    // changedAt moves with version; the version alone says when to read again.
  }, [version]);
}

const EMPTY = { kind: 'note', subject: '', body: '', dueDate: '' };

/** "Log activity": a note, call, meeting or email, or a task with a due date (the task's owner is the user). */
function LogActivity({ recordType, recordId, onLogged }: { recordType: RecordType; recordId: string; onLogged: (entry: TimelineRecord) => void }) {
  const context = useForgeContext();
  const { draft, set, setDraft, errors, failure, saving, submit } = useCreateForm({
    initial: EMPTY,
    build: (current: typeof EMPTY) => buildActivityInput(recordType, recordId, current),
    create: (input) => api.activities.create(input),
    onCreated: (entry, submitted) => {
      setDraft({ ...EMPTY, kind: submitted.kind });
      // Shown from the answer: the timeline is a storage query, which may not list it for a moment.
      onLogged(entry);
    },
  });

  return (
    <form
      className="relay-log"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit();
      }}
      aria-label={t('records.activity.log')}
      data-testid="log-activity"
      noValidate
    >
      <div className="relay-log__row">
        <Field label={t('records.activity.kind')} name="kind" errors={errors}>
          <NativeSelect value={draft.kind} onChange={(kind) => set({ kind })} options={ACTIVITY_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} data-testid="activity-kind" />
        </Field>
        <Field label={t('records.activity.subject')} name="subject" errors={errors}>
          <Textfield value={draft.subject} onChange={(e) => set({ subject: e.currentTarget.value })} testId="activity-subject" />
        </Field>
        {draft.kind === 'task' ? (
          <Field label={t('records.activity.due')} name="dueAt" errors={errors}>
            <DateField value={draft.dueDate} onChange={(dueDate) => set({ dueDate })} locale={context.locale} testId="activity-due" />
          </Field>
        ) : null}
      </div>
      <Field label={t('records.activity.body')} name="body" errors={errors}>
        <Textarea value={draft.body} minimumRows={2} onChange={(e) => set({ body: e.currentTarget.value })} testId="activity-body" />
      </Field>
      <FormError error={failure} />
      <div className="relay-actions">
        <Button type="submit" appearance="primary" isLoading={saving} testId="activity-submit">
          {t('records.activity.submit')}
        </Button>
      </div>
    </form>
  );
}
