import { useCallback } from 'react';
import { api } from '../../lib/api';
import { ErrorBanner } from '../../lib/components';
import { useForgeContext } from '../../lib/context';
import { t } from '../../lib/i18n';
import { useAsync } from '../../lib/use-async';
import { instantText } from '../records/format';
import '../../lib/areas/leads';

/**
 * The caller's open tasks, soonest due first: how a lead's owner learns of a new lead (Relay gives
 * them a "Respond to new lead" task, due when the response SLA ends). A task on a contact opens it.
 */
export function MyTasks({ onOpen }: { onOpen: (contactId: string) => void }) {
  const { locale, timezone } = useForgeContext();
  const tasks = useAsync(useCallback(() => api.tasks.mine({ state: 'open', limit: 20 }), []));
  const now = Date.now();
  return (
    <aside className="relay-leads__tasks" aria-labelledby="my-tasks-title" data-testid="my-tasks">
      <h3 id="my-tasks-title" className="relay-section-title">
        {t('leads.tasks.title')}
      </h3>
      {tasks.status === 'error' ? <ErrorBanner error={tasks.error} onRetry={tasks.reload} /> : null}
      {tasks.status === 'loading' ? <p className="relay-muted">{t('common.loading')}</p> : null}
      {tasks.status === 'ok' && tasks.data.items.length === 0 ? <p className="relay-muted">{t('leads.tasks.empty')}</p> : null}
      {tasks.status === 'ok' ? (
        <ul className="relay-leads__task-list">
          {tasks.data.items.map((task) => {
            const due = task.task?.dueAt ?? now;
            const overdue = due < now;
            return (
              <li key={task.id} className="relay-leads__task" data-testid="my-task">
                {task.recordType === 'contact' ? (
                  <button type="button" className="relay-link" onClick={() => onOpen(task.recordId)} title={t('leads.tasks.open')}>
                    {task.subject}
                  </button>
                ) : (
                  <span>{task.subject}</span>
                )}
                <span className={overdue ? 'relay-leads__due relay-leads__due--late' : 'relay-leads__due'}>{t(overdue ? 'leads.tasks.overdue' : 'leads.tasks.due', { when: instantText(due, locale, timezone) })}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </aside>
  );
}
