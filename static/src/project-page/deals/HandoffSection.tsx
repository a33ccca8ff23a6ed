import Lozenge from '@atlaskit/lozenge';
import { router } from '@forge/bridge';
import type { DealRecord } from '../../../../src/contracts/deal';
import type { SpanUnit } from '../../../../src/domain/sla';
import { spanOf } from '../../../../src/domain/sla';
import { flagError } from '../../lib/components';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';

type Handoff = NonNullable<DealRecord['handoff']>;

const APPEARANCE: Record<Handoff['state'], 'default' | 'inprogress' | 'success' | 'removed' | 'moved'> = {
  pending: 'default',
  retrying: 'moved',
  created: 'inprogress',
  accepted: 'inprogress',
  delivered: 'success',
  error: 'removed',
  unlinked: 'removed',
};

function when(ms: number, locale: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(ms));
  } catch {
    return new Date(ms).toISOString();
  }
}

const UNIT: Record<SpanUnit, MessageKey> = { minutes: 'records.handoff.span.minutes', hours: 'records.handoff.span.hours', days: 'records.handoff.span.days' };

/**
 * The acceptance clock in the one form the issue panel uses too: "Accept within 32 h · by Dec 3,
 * 5:00 PM" or "Overdue by 2 h · was due …", the deadline in the user's time zone.
 */
export function slaClock(acceptDueAt: number, now: number, locale: string, timeZone: string): string {
  const left = acceptDueAt - now;
  const span = spanOf(left, left >= 0 ? 'up' : 'down');
  const duration = t(UNIT[span.unit], { count: span.count });
  const deadline = when(acceptDueAt, locale, timeZone);
  return left >= 0 ? t('records.handoff.clock.left', { duration, when: deadline }) : t('records.handoff.clock.overdue', { duration, when: deadline });
}

/**
 * The deal's hand-off to delivery, as the deal record holds it: state, the delivery issue, the
 * acceptance deadline (and whether it was missed), whether Jira refused the template's assignee (the
 * work was then created unassigned), and Jira's last refusal while Relay retries.
 */
export function HandoffSection({ deal, locale, timeZone = 'UTC', nameOf, now = Date.now() }: { deal: DealRecord; locale: string; timeZone?: string; nameOf: (accountId: string) => string; now?: number }) {
  const handoff = deal.handoff;
  if (!handoff) return null;
  const breached = handoff.breachedAt !== null && handoff.acceptedAt === null;
  const waiting = handoff.acceptedAt === null && handoff.state !== 'unlinked' && handoff.state !== 'delivered';
  const issueKey = handoff.issueKey;
  // Jira opens the issue itself (its own page, history and permissions); the app only names it.
  const openIssue = () => {
    if (issueKey) router.navigate({ target: 'issue', issueKey }).catch((error: unknown) => flagError(error));
  };
  return (
    <section className="relay-next-step" aria-label={t('records.handoff.title')} data-testid="deal-handoff">
      <h3 className="relay-section-title">{t('records.handoff.title')}</h3>
      <p>
        <Lozenge appearance={APPEARANCE[handoff.state]} testId="deal-handoff-state">
          {t(`records.handoff.state.${handoff.state}`)}
        </Lozenge>{' '}
        {breached ? (
          <Lozenge appearance="removed" isBold testId="deal-handoff-breached">
            {t('records.handoff.breached')}
          </Lozenge>
        ) : null}
      </p>
      <dl className="relay-facts">
        <dt>{t('records.handoff.issue')}</dt>
        <dd data-testid="deal-handoff-issue">
          {issueKey ? (
            <button type="button" className="relay-link" onClick={openIssue} aria-label={t('records.handoff.openIssue', { key: issueKey })} data-testid="deal-handoff-issue-link">
              {issueKey}
            </button>
          ) : (
            t('records.handoff.noIssueYet')
          )}
        </dd>
        {waiting ? (
          <>
            <dt>{t('records.handoff.sla')}</dt>
            <dd data-testid="deal-handoff-sla">{slaClock(handoff.acceptDueAt, now, locale, timeZone)}</dd>
          </>
        ) : null}
        {handoff.acceptedAt !== null ? (
          <>
            <dt>{t('records.handoff.acceptedAt')}</dt>
            <dd>{when(handoff.acceptedAt, locale, timeZone)}</dd>
          </>
        ) : null}
        {handoff.deliveredAt !== null ? (
          <>
            <dt>{t('records.handoff.deliveredAt')}</dt>
            <dd>{when(handoff.deliveredAt, locale, timeZone)}</dd>
          </>
        ) : null}
        {handoff.assigneeRefused ? (
          <>
            <dt>{t('records.handoff.assignee')}</dt>
            <dd role="status" data-testid="deal-handoff-unassigned">
              {t('records.handoff.assigneeRefused', { name: nameOf(handoff.assigneeRefused.accountId), reason: handoff.assigneeRefused.reason })}
            </dd>
          </>
        ) : null}
        {handoff.lastError ? (
          <>
            <dt>{t('records.handoff.lastError')}</dt>
            <dd role="status">{handoff.lastError}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
